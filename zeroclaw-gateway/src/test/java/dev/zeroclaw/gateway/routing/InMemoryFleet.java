package dev.zeroclaw.gateway.routing;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zeroclaw.api.ServerSpec;
import dev.zeroclaw.mcp.McpError;
import dev.zeroclaw.plugins.TransportCatalog;
import dev.zeroclaw.supervisor.Backoff;
import dev.zeroclaw.supervisor.ServerRegistry;
import dev.zeroclaw.supervisor.ServerState;
import dev.zeroclaw.supervisor.ServerStatus;
import dev.zeroclaw.supervisor.SupervisorContext;
import dev.zeroclaw.testing.InMemoryBehaviour;
import dev.zeroclaw.testing.InMemoryMcpServer;
import dev.zeroclaw.testing.InMemoryTransport;
import dev.zeroclaw.testing.InMemoryTransportProvider;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * A real {@link ServerRegistry} (supervisors, MCP sessions, handshakes) over in-memory servers, for
 * the gateway's unit tests: the daemon's wiring minus processes, Guice and HTTP. Its state
 * listener tells {@link #waiters()} of each change, as the gateway's listener does.
 */
public final class InMemoryFleet implements AutoCloseable {

    public static final ObjectMapper JSON = new ObjectMapper();
    /** Bounds every wait of a test, so a bug fails the test instead of hanging the build; never reached when it passes. */
    private static final long DEADLINE_SECONDS = 30;

    private final ExecutorService blocking = Executors.newCachedThreadPool(daemonThreads("fleet-server"));
    private final ScheduledExecutorService timers;
    private final ReadyWaiters waiters = new ReadyWaiters();
    private final InMemoryTransportProvider transport;
    private final ServerRegistry registry;
    private final CompletableFuture<Void> started;

    private InMemoryFleet(Map<String, InMemoryMcpServer> servers, ScheduledExecutorService timers) {
        this.timers = timers;
        transport = new InMemoryTransportProvider(servers);
        registry = new ServerRegistry(new SupervisorContext(TransportCatalog.of(List.of(transport)), JSON, "test", blocking,
                timers, new Backoff(() -> 0.5), () -> Duration.ofHours(1),
                (status, previous) -> waiters.changed(status.name(), status.state()), SupervisorContext.ServerRequests.REFUSE));
        List<ServerSpec> specs = servers.keySet().stream()
                .map(name -> ServerSpec.builder(name).transport(InMemoryTransportProvider.NAME).build())
                .toList();
        started = registry.startAll(specs);
    }

    /**
     * Starts {@code servers} (in the map's order: the config order) and returns without waiting
     * for them; a server gated with {@link InMemoryMcpServer#initializeAfter} stays STARTING.
     */
    public static InMemoryFleet starting(Map<String, InMemoryMcpServer> servers) {
        return new InMemoryFleet(requireNonNull(servers, "servers is null"),
                new ScheduledThreadPoolExecutor(1, daemonThreads("fleet-timer")));
    }

    /** Starts {@code servers} and waits until each is READY. */
    public static InMemoryFleet ready(Map<String, InMemoryMcpServer> servers) {
        return ready(servers, new ScheduledThreadPoolExecutor(1, daemonThreads("fleet-timer")));
    }

    /**
     * Starts {@code servers} with {@code timers} for backoff delays and pings (a
     * {@link dev.zeroclaw.testing.ManualScheduler}: no restart happens until the test says so) and
     * waits until each is READY.
     */
    public static InMemoryFleet ready(Map<String, InMemoryMcpServer> servers, ScheduledExecutorService timers) {
        InMemoryFleet fleet = new InMemoryFleet(requireNonNull(servers, "servers is null"), requireNonNull(timers, "timers is null"));
        await(fleet.started);
        List<String> notReady = fleet.registry.statuses().stream()
                .filter(status -> status.state() != ServerState.READY)
                .map(ServerStatus::toString)
                .toList();
        if (!notReady.isEmpty()) {
            fleet.close();
            throw new IllegalStateException("servers not READY: " + notReady);
        }
        return fleet;
    }

    public ServerRegistry registry() {
        return registry;
    }

    public ReadyWaiters waiters() {
        return waiters;
    }

    /** How the instances opened from now on behave (a start that hangs, fails, …). */
    public void behave(InMemoryBehaviour next) {
        transport.behave(next);
    }

    /** The transport of {@code server}'s latest instance, to crash it as its process would. */
    public InMemoryTransport transport(String server) {
        return transport.opened().stream()
                .filter(opened -> opened.context().serverName().equals(server))
                .reduce((first, second) -> second)
                .orElseThrow(() -> new IllegalArgumentException("no instance of '" + server + "' was opened"));
    }

    /** What a client is answered: the result of {@code call}, which must succeed. */
    public static JsonNode answer(Supplier<CompletableFuture<JsonNode>> call) {
        return await(call.get());
    }

    /** What a client is answered: the MCP error of {@code call}, thrown at once or failing its future. */
    public static McpError error(Supplier<CompletableFuture<JsonNode>> call) {
        CompletableFuture<JsonNode> answer;
        try {
            answer = call.get();
        } catch (McpError thrown) {
            return thrown;
        }
        try {
            JsonNode result = answer.get(DEADLINE_SECONDS, TimeUnit.SECONDS);
            throw new AssertionError("expected an MCP error, got " + result);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof McpError error) {
                return error;
            }
            throw new AssertionError("expected an MCP error, got " + e.getCause(), e.getCause());
        } catch (InterruptedException | TimeoutException e) {
            throw new AssertionError("no answer: " + e, e);
        }
    }

    private static <T> T await(CompletableFuture<T> future) {
        try {
            return future.get(DEADLINE_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError("failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException | TimeoutException e) {
            throw new AssertionError("no answer: " + e, e);
        }
    }

    @Override
    public void close() {
        try {
            registry.stopAll().get(DEADLINE_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the servers did not stop: " + e, e);
        } finally {
            transport.close();
            blocking.shutdownNow();
            timers.shutdownNow();
        }
    }

    private static ThreadFactory daemonThreads(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
