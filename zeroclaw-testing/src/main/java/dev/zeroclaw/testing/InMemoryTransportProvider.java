package dev.zeroclaw.testing;

import static java.util.Objects.requireNonNull;

import dev.zeroclaw.api.ServerSpec;
import dev.zeroclaw.api.transport.Transport;
import dev.zeroclaw.api.transport.TransportContext;
import dev.zeroclaw.api.transport.TransportProvider;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Transport {@code memory} (or a name of the test's choice): every server is an in-memory MCP
 * server inside this JVM, so a benchmark can start hundreds of servers and measure the daemon's
 * own work without processes, pipes or their noise, and a unit test can play the server: crash
 * it, make its {@code initialize} fail or hang, give it a pid (see {@link #behave} and
 * {@link #opened()}), or give each configured server its own tools and prompts.
 *
 * <p>Not registered with {@link java.util.ServiceLoader}: a test hands it to
 * {@code TransportCatalog.of}. The entries' {@code command}, {@code args} and {@code env} are
 * ignored (they still count in the launch hash, like any transport's). {@link #close} ends the
 * thread that delivers the servers' answers.
 */
public final class InMemoryTransportProvider implements TransportProvider, AutoCloseable {

    public static final String NAME = "memory";

    private final String name;
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
    // Guarded by this: how the next servers behave; every transport opened, in order.
    private InMemoryBehaviour behaviour = InMemoryBehaviour.healthy();
    private final List<InMemoryTransport> opened = new ArrayList<>();

    /** Servers that list {@code tools} tools and answer at once. */
    public InMemoryTransportProvider(int tools) {
        this(NAME, tools, Duration.ZERO);
    }

    /**
     * Servers that list {@code tools} tools and answer {@code initialize} only after
     * {@code initializeDelay}: a start-up time that costs no CPU, so that starting many of them
     * at once shows whether the daemon waits for them in parallel.
     */
    public InMemoryTransportProvider(int tools, Duration initializeDelay) {
        this(NAME, tools, initializeDelay);
    }

    /**
     * A provider named {@code name}: a test may stand in for a transport the daemon treats
     * specially by name.
     */
    public InMemoryTransportProvider(String name, int tools, Duration initializeDelay) {
        this.name = requireNonNull(name, "name is null");
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
        this.name = NAME;
        this.everyServer = Optional.empty();
        this.byName = Map.copyOf(requireNonNull(servers, "servers is null"));
        this.initializeDelay = Duration.ZERO;
    }

    @Override
    public String name() {
        return name;
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
        synchronized (this) {
            InMemoryTransport transport = new InMemoryTransport(spec, context, server, behaviour, delivery, initializeDelay);
            opened.add(transport);
            return transport;
        }
    }

    /** How the servers opened from now on behave; those already open keep theirs. */
    public synchronized void behave(InMemoryBehaviour next) {
        behaviour = requireNonNull(next, "next is null");
    }

    /** Every transport opened so far, in the order of opening. */
    public synchronized List<InMemoryTransport> opened() {
        return List.copyOf(opened);
    }

    /** How many transports were opened. */
    public synchronized int opens() {
        return opened.size();
    }

    /** How many calls of {@code close} the transports got, in all. */
    public synchronized int closes() {
        return opened.stream().mapToInt(InMemoryTransport::closeCalls).sum();
    }

    /** The last transport opened. */
    public synchronized InMemoryTransport last() {
        if (opened.isEmpty()) {
            throw new IllegalStateException("no transport was opened yet");
        }
        return opened.get(opened.size() - 1);
    }

    @Override
    public void close() {
        delivery.shutdownNow();
    }
}
