package dev.zeroclaw.benchmarks.reload;

import static java.util.Objects.requireNonNull;

import dev.zeroclaw.api.transport.TransportProvider;
import dev.zeroclaw.config.ConfigException;
import dev.zeroclaw.daemon.embedded.EmbeddedDaemon;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A {@link FleetConfig} written to a {@code config.toml} in a temporary directory and an
 * {@link EmbeddedDaemon} running it, every server READY. {@link #write} replaces the file's
 * content, for the next reload to find; {@link #close} stops everything and deletes the directory.
 */
public final class RunningFleet implements AutoCloseable {

    private final Path directory;
    private final Path file;
    private final EmbeddedDaemon daemon;
    private final List<TransportProvider> providers;

    private RunningFleet(Path directory, Path file, EmbeddedDaemon daemon, List<TransportProvider> providers) {
        this.directory = directory;
        this.file = file;
        this.daemon = daemon;
        this.providers = providers;
    }

    /** {@code servers} servers of {@code server}'s kind, started; each READY within five minutes. */
    public static RunningFleet start(FleetServer server, int servers) throws IOException, ConfigException, InterruptedException {
        return start(server.config(servers), List.of(server.provider()), Duration.ofMinutes(5));
    }

    /**
     * Writes {@code config.render()} and starts a daemon on it; every server READY within
     * {@code deadline}. The fleet owns {@code providers} from then on: it closes those that are
     * {@link AutoCloseable} when it closes (or fails to start).
     */
    public static RunningFleet start(FleetConfig config, List<TransportProvider> providers, Duration deadline)
            throws IOException, ConfigException, InterruptedException {
        requireNonNull(config, "config is null");
        List<TransportProvider> owned = List.copyOf(providers);
        Path directory = Files.createTempDirectory("zeroclaw-bench-");
        Path file = directory.resolve("config.toml");
        try {
            Files.writeString(file, config.render(), StandardCharsets.UTF_8);
            return new RunningFleet(directory, file, EmbeddedDaemon.start(file, owned, deadline), owned);
        } catch (IOException | ConfigException | InterruptedException | RuntimeException e) {
            closeAll(owned);
            deleteRecursively(directory);
            throw e;
        }
    }

    public EmbeddedDaemon daemon() {
        return daemon;
    }

    /** Replaces the config file's content; the daemon sees it at the next reload. */
    public void write(String toml) {
        try {
            Files.writeString(file, toml, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + file, e);
        }
    }

    @Override
    public void close() {
        try {
            daemon.close();
        } finally {
            closeAll(providers);
            deleteRecursively(directory);
        }
    }

    private static void closeAll(List<TransportProvider> providers) {
        for (TransportProvider provider : providers) {
            if (provider instanceof AutoCloseable closeable) {
                try {
                    closeable.close();
                } catch (Exception e) {
                    throw new IllegalStateException("could not close transport provider " + provider.name(), e);
                }
            }
        }
    }

    private static void deleteRecursively(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete " + directory, e);
        }
    }
}
