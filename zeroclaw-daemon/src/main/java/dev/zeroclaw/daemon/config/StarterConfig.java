package dev.zeroclaw.daemon.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * The commented starter configuration {@code zeroclaw init} writes: the repository's
 * {@code examples/config.toml}, the one the README runs, copied into the jar by the build (see the
 * resources of zeroclaw-daemon's pom), so that the two cannot drift apart.
 */
public final class StarterConfig {

    static final String RESOURCE = "config.toml";

    private StarterConfig() {}

    /** The starter file's bytes, as in {@code examples/config.toml}. */
    public static byte[] content() {
        try (InputStream in = StarterConfig.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the starter configuration " + RESOURCE + " is missing from the jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes the starter file ({@link NewConfigFile}: 0600, new directories 0700).
     *
     * @throws java.nio.file.FileAlreadyExistsException when {@code file} exists: it is never overwritten
     */
    public static void write(Path file) throws IOException {
        NewConfigFile.create(file, content());
    }
}
