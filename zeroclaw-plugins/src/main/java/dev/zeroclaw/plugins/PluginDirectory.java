package dev.zeroclaw.plugins;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The plugins folder as read at one moment: one sub-folder per plugin, each holding its jars.
 *
 * <p>A folder that does not exist holds no plugin and is no error (most installations have none).
 * A jar lying in the plugins folder itself, a sub-folder without a jar, or one that cannot be read
 * is a problem, reported in one sentence; the other plugins load all the same. Names starting with
 * a dot are skipped.
 *
 * @param path the plugins folder
 * @param plugins its sub-folders that hold jars, sorted by name
 * @param problems what is wrong in it, one sentence each
 */
public record PluginDirectory(Path path, List<PluginFolder> plugins, List<String> problems) {

    public PluginDirectory {
        requireNonNull(path, "path is null");
        plugins = List.copyOf(plugins);
        problems = List.copyOf(problems);
    }

    /** Reads the folder; never throws. */
    public static PluginDirectory read(Path path) {
        requireNonNull(path, "path is null");
        List<PluginFolder> plugins = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        List<Path> entries;
        try {
            entries = sortedEntries(path);
        } catch (NoSuchFileException e) {
            return new PluginDirectory(path, List.of(), List.of());
        } catch (NotDirectoryException e) {
            return new PluginDirectory(path, List.of(), List.of("plugin_dir " + path + " is not a folder"));
        } catch (IOException e) {
            return new PluginDirectory(path, List.of(), List.of("plugin_dir " + path + " cannot be read: " + e.getMessage()));
        }
        for (Path entry : entries) {
            String name = entry.getFileName().toString();
            if (name.startsWith(".")) {
                continue;
            }
            if (!Files.isDirectory(entry)) {
                if (name.endsWith(".jar")) {
                    problems.add("plugin jar " + entry + " is not in a folder of its own; move it to "
                            + path.resolve(name.substring(0, name.length() - ".jar".length())) + "/");
                }
                continue;
            }
            try {
                List<Path> jars = sortedEntries(entry).stream()
                        .filter(file -> file.getFileName().toString().endsWith(".jar") && Files.isRegularFile(file))
                        .toList();
                if (jars.isEmpty()) {
                    problems.add("plugin folder " + entry + " holds no jar; put the plugin's jars in it or remove it");
                    continue;
                }
                plugins.add(new PluginFolder(entry, jars, fingerprint(jars)));
            } catch (IOException e) {
                problems.add("plugin folder " + entry + " cannot be read: " + e.getMessage());
            }
        }
        return new PluginDirectory(path, plugins, problems);
    }

    private static List<Path> sortedEntries(Path folder) throws IOException {
        List<Path> entries = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(folder)) {
            stream.forEach(entries::add);
        }
        entries.sort(null);
        return entries;
    }

    // Contents, not modification times: a copy that keeps the old time stamp is still a new plugin.
    private static String fingerprint(List<Path> jars) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
        byte[] buffer = new byte[64 * 1024];
        for (Path jar : jars) {
            byte[] name = jar.getFileName().toString().getBytes(StandardCharsets.UTF_8);
            digest.update(name);
            digest.update((byte) 0);
            try (InputStream in = Files.newInputStream(jar)) {
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    digest.update(buffer, 0, n);
                }
            }
            digest.update((byte) 0);
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
