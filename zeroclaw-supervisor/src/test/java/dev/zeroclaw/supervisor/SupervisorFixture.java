package dev.zeroclaw.supervisor;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zeroclaw.api.ServerSpec;
import dev.zeroclaw.api.transport.RequestAuthorization;
import dev.zeroclaw.plugins.TransportCatalog;
import dev.zeroclaw.testing.Eventually;
import dev.zeroclaw.testing.InMemoryTransportProvider;
import dev.zeroclaw.testing.ManualScheduler;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * A {@link SupervisorContext} built by hand as the daemon builds it, with an in-memory transport
 * for the servers, a {@link ManualScheduler} for backoff and pings (time moves when the test says)
 * and a backoff without jitter, so that its delays are exactly 1 s, 2 s, 4 s, …
 */
final class SupervisorFixture implements AutoCloseable {

    final InMemoryTransportProvider memory;
    final ManualScheduler timers = new ManualScheduler();
    final List<ServerStatus> changes = new CopyOnWriteArrayList<>();
    /** The instances launched and the lines they said, as the listener heard them: {@code launched fs 1 pid 4242}, {@code said fs 1 hi}. */
    final List<String> heard = new CopyOnWriteArrayList<>();
    // Tasks handed over after the test ended (closing what a late event left) are dropped, not reported.
    private final ExecutorService blocking = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS,
            new SynchronousQueue<>(), runnable -> {
                Thread thread = new Thread(runnable, "supervisor-test-blocking");
                thread.setDaemon(true);
                return thread;
            }, new ThreadPoolExecutor.DiscardPolicy());
    final SupervisorContext context;
    /** What each launch's transport is given to authorize its requests; NONE unless a test sets one. */
    volatile RequestAuthorization authorization = RequestAuthorization.NONE;

    /** @param transport the in-memory provider's name */
    SupervisorFixture(String transport) {
        memory = new InMemoryTransportProvider(transport, 2, Duration.ZERO);
        context = new SupervisorContext(TransportCatalog.of(List.of(memory)), new ObjectMapper(), "test", blocking, timers,
                new Backoff(() -> 0.5), () -> Duration.ofSeconds(30), new SupervisorContext.StateListener() {
                    @Override
                    public void changed(ServerStatus status, ServerState previous) {
                        changes.add(status);
                    }

                    @Override
                    public void launched(String server, long instance, OptionalLong pid) {
                        heard.add("launched " + server + " " + instance + " pid " + (pid.isPresent() ? pid.getAsLong() : "-"));
                    }

                    @Override
                    public void said(String server, long instance, OptionalLong pid, String line) {
                        heard.add("said " + server + " " + instance + " " + line);
                    }
                },
                SupervisorContext.ServerRequests.REFUSE, new ChildLedger(), Set::of, spec -> authorization);
    }

    ServerSpec spec(String name) {
        return ServerSpec.builder(name).transport(memory.name()).command("in-memory").build();
    }

    /** No task of the blocking executor is running (none queues: each gets a thread). */
    boolean blockingIdle() {
        return ((ThreadPoolExecutor) blocking).getActiveCount() == 0;
    }

    /** The states the server went through, in order. */
    List<ServerState> states() {
        return changes.stream().map(ServerStatus::state).toList();
    }

    void awaitState(ServerSupervisor supervisor, ServerState state) {
        Eventually.until(supervisor.name() + " is " + state, Eventually.PATIENCE, () -> supervisor.state() == state,
                () -> "(it is " + supervisor.status() + "; went through " + states() + ")");
    }

    @Override
    public void close() {
        blocking.shutdownNow();
        memory.close();
    }
}
