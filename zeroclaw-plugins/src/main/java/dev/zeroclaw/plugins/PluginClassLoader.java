package dev.zeroclaw.plugins;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.Enumeration;
import java.util.List;

/**
 * The class loader of one plugin folder, the Trino way: its parent is the platform class loader,
 * so a plugin sees the JDK and its own jars, and nothing of the daemon (not Guice, not Jackson, not
 * the daemon's classes) except the SPI packages, which come from the daemon's loader so that the
 * plugin's provider and the daemon agree on what a {@code TransportProvider} is.
 *
 * <p>Everything else is looked up in the platform loader first (the JDK's own classes cannot be
 * replaced anyway), then in the plugin's jars; a plugin may therefore bundle any library in any
 * version without clashing with the daemon's or another plugin's.
 */
public final class PluginClassLoader extends URLClassLoader {

    /** The packages a plugin shares with the daemon: the SPI ({@code zeroclaw-api}) and nothing else. */
    public static final List<String> SPI_PACKAGES = List.of("dev.zeroclaw.api.");

    private static final List<String> SPI_RESOURCES =
            SPI_PACKAGES.stream().map(name -> name.replace('.', '/')).toList();

    private final ClassLoader spiLoader;

    /**
     * @param name the plugin's name, for diagnostics ({@link ClassLoader#getName})
     * @param jars the plugin's jars
     * @param spiLoader the daemon's loader, which provides the SPI packages
     */
    public PluginClassLoader(String name, List<URL> jars, ClassLoader spiLoader) {
        super(requireNonNull(name, "name is null"), jars.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
        this.spiLoader = requireNonNull(spiLoader, "spiLoader is null");
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (isSpi(name)) {
            return spiLoader.loadClass(name);
        }
        return super.loadClass(name, resolve);
    }

    @Override
    public URL getResource(String name) {
        if (isSpiResource(name)) {
            return spiLoader.getResource(name);
        }
        return super.getResource(name);
    }

    /**
     * Resources of the SPI packages come from the daemon, all others from the JDK and the plugin's
     * jars only: {@code META-INF/services} files in particular, so that {@link java.util.ServiceLoader}
     * run on this loader finds the plugin's providers and never the daemon's built-in ones.
     */
    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
        if (isSpiResource(name)) {
            return spiLoader.getResources(name);
        }
        return super.getResources(name);
    }

    private static boolean isSpi(String className) {
        return SPI_PACKAGES.stream().anyMatch(className::startsWith);
    }

    private static boolean isSpiResource(String resource) {
        return SPI_RESOURCES.stream().anyMatch(resource::startsWith);
    }

    static {
        ClassLoader.registerAsParallelCapable();
    }
}
