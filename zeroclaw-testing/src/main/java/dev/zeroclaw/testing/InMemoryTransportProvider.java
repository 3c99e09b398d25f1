package dev.zeroclaw.testing;

import static java.util.Objects.requireNonNull;

import dev.zeroclaw.api.ServerSpec;
import dev.zeroclaw.api.transport.Transport;
import dev.zeroclaw.api.transport.TransportContext;
import dev.zeroclaw.api.transport.TransportProvider;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Transport {@code memory}: every server is an {@link InMemoryMcpServer} inside this JVM, so a
 * benchmark can start hundreds of servers and measure the daemon's own work (supervision, reload
 * decisions) without processes, pipes or their noise, and a unit test can run a real supervisor
 * over servers that answer as it says.
 *
 * <p>Not registered with {@link java.util.ServiceLoader}: benchmarks and tests hand it to the
 * daemon's {@code TransportCatalog.of}. The entries' {@code command}, {@code args} and {@code env} are
 * ignored (they still count in the launch hash, like any transport's). {@link #close} ends the
 * thread that delivers the servers' answers.
 */
public final class InMemoryTransportProvider implements TransportProvider, AutoCloseable {

    public static final String NAME = "memory";

    // Every server the same (a benchmark's fleet), else each configured server its own (a test's).
    private final Optional<InMemoryMcpServer> everyServer;
    private final Map<String, InMemoryMcpServer> byName;
    private final Duration initializeDelay;
    // One thread for every server's answers; each transport keeps its own answers in order.
    private final ExecutorService delivery = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "zeroclaw-memory-transport");
        thread.setDaemon(true);
        return thread;
    });

    /** Servers that list {@code tools} tools and answer at once. */
    public InMemoryTransportProvider(int tools) {
        this(tools, Duration.ZERO);
    }

    /**
     * Servers that list {@code tools} tools and answer {@code initialize} only after
     * {@code initializeDelay}: a start-up time that costs no CPU, so that starting many of them
     * at once shows whether the daemon waits for them in parallel.
     */
    public InMemoryTransportProvider(int tools, Duration initializeDelay) {
        this.everyServer = Optional.of(InMemoryMcpServer.withToolCount(tools));
        this.byName = Map.of();
        this.initializeDelay = requireNonNull(initializeDelay, "initializeDelay is null");
        if (initializeDelay.isNegative()) {
            throw new IllegalArgumentException("initializeDelay must not be negative: " + initializeDelay);
        }
    }

    /**
     * Each configured server is the one of {@code servers} under its name, answering at once; a
     * server of another name does not open.
     */
    public InMemoryTransportProvider(Map<String, InMemoryMcpServer> servers) {
        this.everyServer = Optional.empty();
        this.byName = Map.copyOf(requireNonNull(servers, "servers is null"));
        this.initializeDelay = Duration.ZERO;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Transport open(ServerSpec spec, TransportContext context) {
        requireNonNull(spec, "spec is null");
        requireNonNull(context, "context is null");
        InMemoryMcpServer server = everyServer.orElseGet(() -> {
            InMemoryMcpServer named = byName.get(spec.name());
            if (named == null) {
                throw new IllegalArgumentException("no in-memory server named '" + spec.name() + "'; there are " + byName.keySet());
            }
            return named;
        });
        return new InMemoryTransport(server, delivery, initializeDelay);
    }

    @Override
    public void close() {
        delivery.shutdownNow();
    }
}
