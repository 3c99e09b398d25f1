package dev.zeroclaw.testing;

import static java.util.Objects.requireNonNull;

import dev.zeroclaw.api.transport.TransportProvider;
import dev.zeroclaw.plugins.LoadedPlugin;
import dev.zeroclaw.plugins.PluginFolder;
import dev.zeroclaw.plugins.PluginLoader;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Loads a transport provider the way the daemon loads a plugin: its jars (or classes folders) in
 * a {@code PluginClassLoader} that sees the JDK and, of the daemon, only the SPI packages; found
 * with {@link java.util.ServiceLoader}; every call made with the plugin's loader as the context
 * class loader. A provider that needs a class its plugin lacks fails here, not in production.
 */
public final class PluginHarness {

    private PluginHarness() {}

    /**
     * The provider named {@code transport} that the plugin made of {@code classPath} offers.
     *
     * @param classPath the plugin's jars and classes folders, e.g. {@code target/classes} and its libraries' jars
     * @throws AssertionError when the plugin does not load cleanly or offers no such provider, with the daemon's own words
     */
    public static TransportProvider load(String transport, List<Path> classPath) {
        requireNonNull(transport, "transport is null");
        requireNonNull(classPath, "classPath is null");
        if (classPath.isEmpty()) {
            throw new IllegalArgumentException("classPath is empty");
        }
        for (Path entry : classPath) {
            if (!Files.exists(entry)) {
                throw new AssertionError("the plugin's class path entry " + entry + " does not exist (build it first)");
            }
        }
        PluginFolder folder = new PluginFolder(Path.of("plugin-under-test", transport), classPath, "under test");
        LoadedPlugin loaded = PluginLoader.load(folder, TransportProvider.class.getClassLoader());
        if (!loaded.problems().isEmpty()) {
            throw new AssertionError("the plugin does not load as the daemon would load it: " + loaded.problems());
        }
        List<String> names = new ArrayList<>();
        for (TransportProvider provider : loaded.providers()) {
            if (provider.name().equals(transport)) {
                return provider;
            }
            names.add(provider.name());
        }
        throw new AssertionError("the plugin offers no transport named '" + transport + "'; it offers " + names);
    }

    /** Where each class was loaded from (a jar or a classes folder), to build a plugin's class path from the test's. */
    public static List<Path> classPathOf(Class<?>... types) {
        List<Path> paths = new ArrayList<>();
        for (Class<?> type : types) {
            try {
                Path path = Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
                if (!paths.contains(path)) {
                    paths.add(path);
                }
            } catch (URISyntaxException | NullPointerException e) {
                throw new IllegalArgumentException("cannot tell where " + type.getName() + " was loaded from", e);
            }
        }
        return List.copyOf(paths);
    }
}
