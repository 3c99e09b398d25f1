package dev.zeroclaw.plugins;

import dev.zeroclaw.api.transport.TransportProvider;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Collectors;

/** Builds plugin jars at test time from classes of the test class path. */
public final class PluginJars {

    private PluginJars() {}

    /**
     * A jar holding {@code classes}, with those that are providers listed in its
     * {@code META-INF/services} file (none listed: no services file).
     */
    public static Path jar(Path folder, String name, List<Class<?>> classes, List<Class<?>> providers) throws IOException {
        Files.createDirectories(folder);
        Path jar = folder.resolve(name);
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file)) {
            for (Class<?> type : classes) {
                out.putNextEntry(new JarEntry(type.getName().replace('.', '/') + ".class"));
                try (InputStream bytes = type.getResourceAsStream(type.getSimpleName() + ".class")) {
                    bytes.transferTo(out);
                }
                out.closeEntry();
            }
            if (!providers.isEmpty()) {
                out.putNextEntry(new JarEntry("META-INF/services/" + TransportProvider.class.getName()));
                out.write(providers.stream().map(Class::getName).collect(Collectors.joining("\n", "", "\n"))
                        .getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
        return jar;
    }

    /** A plugin folder with one jar that holds and lists these providers. */
    public static Path plugin(Path folder, Class<?>... providers) throws IOException {
        jar(folder, folder.getFileName() + ".jar", List.of(providers), List.of(providers));
        return folder;
    }
}
