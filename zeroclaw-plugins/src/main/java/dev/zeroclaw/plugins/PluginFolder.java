package dev.zeroclaw.plugins;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.List;

/**
 * One plugin as it lies on disk: a sub-folder of the plugins folder and its jars.
 *
 * @param path the folder
 * @param jars its {@code *.jar} files, sorted by name
 * @param fingerprint SHA-256 over the jars' names and contents: equal fingerprints, equal plugin
 */
public record PluginFolder(Path path, List<Path> jars, String fingerprint) {

    public PluginFolder {
        requireNonNull(path, "path is null");
        jars = List.copyOf(jars);
        requireNonNull(fingerprint, "fingerprint is null");
    }

    /** The folder's name, which names the plugin in messages. */
    public String name() {
        return path.getFileName().toString();
    }
}
