package dev.zeroclaw.daemon.reload;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zeroclaw.config.ConfigParser;
import dev.zeroclaw.daemon.config.AppliedConfig;
import dev.zeroclaw.daemon.config.ConfigLoader;
import dev.zeroclaw.daemon.config.ConfigSnapshot;
import dev.zeroclaw.daemon.config.SecretEnvironment;
import dev.zeroclaw.plugins.TransportCatalog;
import dev.zeroclaw.signal.SdNotify;
import dev.zeroclaw.supervisor.Backoff;
import dev.zeroclaw.supervisor.ServerRegistry;
import dev.zeroclaw.supervisor.ServerState;
import dev.zeroclaw.supervisor.SupervisorContext;
import dev.zeroclaw.testing.InMemoryTransportProvider;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The reload path without a process: a config file of in-memory servers in a temporary
 * directory, the real registry and supervisors, and a {@link ReloadCoordinator} built with
 * {@code new}, as the daemon's module builds it.
 */
final class ReloadFixture implements AutoCloseable {

    static final Duration DEADLINE = Duration.ofSeconds(10);

    final Path file;
    final Path pluginDir;
    final InMemoryTransportProvider memory = new InMemoryTransportProvider(1);
    final GatedProvider gated = new GatedProvider(memory);
    final TransportCatalog transports = TransportCatalog.of(List.of(memory, gated, new RefusingProvider(), new ThrowingProvider()));
    final ConfigParser parser = ConfigParser.acceptingAnyTransport();
    final AppliedConfig applied = new AppliedConfig();
    final ExecutorService blocking = Executors.newCachedThreadPool();
    final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
    final ServerRegistry registry = new ServerRegistry(new SupervisorContext(transports, new ObjectMapper(), "test",
            blocking, timers, new Backoff(() -> 0.5), () -> Duration.ofMinutes(10), (status, previous) -> {},
            SupervisorContext.ServerRequests.REFUSE));
    private final List<AutoCloseable> opened = new ArrayList<>();

    /** Writes {@code toml}, applies it and starts its servers, as the daemon does at start. */
    ReloadFixture(Path directory, String toml) throws Exception {
        file = directory.resolve("config.toml");
        pluginDir = Files.createDirectories(directory.resolve("plugins"));
        write(toml);
        ConfigSnapshot snapshot = new ConfigLoader(parser, transports).load(file);
        applied.replace(snapshot);
        registry.startAll(snapshot.config().runnableServers()).get(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** A started coordinator on this fixture's file; {@code reported} hears each report on the reload thread. */
    ReloadCoordinator coordinator(Consumer<ReloadReport> reported) {
        ReloadCoordinator coordinator = new ReloadCoordinator(file, parser, applied, registry, SdNotify.disabled(),
                transports, Optional.of(pluginDir), SecretEnvironment.ofThisProcess(), reported);
        opened.add(coordinator);
        coordinator.start();
        return coordinator;
    }

    void write(String toml) throws IOException {
        Files.writeString(file, toml, StandardCharsets.UTF_8);
    }

    /** A config with one in-memory server per name. */
    static String servers(String... names) {
        return "[mcp]\nenabled = true\n" + entries(InMemoryTransportProvider.NAME, names);
    }

    /** {@code [[mcp.servers]]} entries, one per name, on {@code transport}; to append to a config. */
    static String entries(String transport, String... names) {
        StringBuilder toml = new StringBuilder();
        for (String name : names) {
            toml.append("\n[[mcp.servers]]\nname = \"").append(name).append("\"\ntransport = \"").append(transport)
                    .append("\"\ncommand = \"in-memory\"\nrestart = \"never\"\n");
        }
        return toml.toString();
    }

    ServerState state(String server) {
        return registry.find(server).orElseThrow().status().state();
    }

    @Override
    public void close() throws Exception {
        for (AutoCloseable closeable : opened) {
            closeable.close();
        }
        gated.open();
        registry.stopAll().get(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
        blocking.shutdownNow();
        timers.shutdownNow();
        memory.close();
    }
}
