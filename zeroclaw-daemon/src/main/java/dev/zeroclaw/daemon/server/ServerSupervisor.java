package dev.zeroclaw.daemon.server;

import static java.util.Objects.requireNonNull;

import dev.zeroclaw.api.RestartPolicy;
import dev.zeroclaw.api.ServerSpec;
import dev.zeroclaw.api.transport.Transport;
import dev.zeroclaw.api.transport.TransportContext;
import dev.zeroclaw.api.transport.TransportEnd;
import dev.zeroclaw.api.transport.TransportProvider;
import dev.zeroclaw.daemon.mcp.Handshake;
import dev.zeroclaw.daemon.mcp.McpSession;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one configured server running: starts it, watches it with pings, restarts it after a
 * crash with backoff, gives up after too many crashes, and stops it.
 *
 * <p>Every field below is guarded by {@code this}. Nothing that blocks runs under the lock:
 * launching and the stop sequence run on the shared blocking executor, and events from an
 * instance that is no longer the current one are ignored.
 */
public final class ServerSupervisor {

    /** Crashes within this window count toward {@link #CRASH_LIMIT}. */
    static final Duration CRASH_WINDOW = Duration.ofSeconds(60);
    static final int CRASH_LIMIT = 5;

    private static final Logger log = LoggerFactory.getLogger(ServerSupervisor.class);

    private final String name;
    private final SupervisorContext context;

    private ServerSpec spec;
    private ServerState state = ServerState.STOPPED;
    private ServerInstance current;
    private long instances;
    private int restarts;
    private String lastError;
    private final Deque<Long> crashNanos = new ArrayDeque<>();
    private ScheduledFuture<?> nextStart;
    private ScheduledFuture<?> pings;
    private CompletableFuture<ServerState> settled = new CompletableFuture<>();

    public ServerSupervisor(ServerSpec spec, SupervisorContext context) {
        this.spec = requireNonNull(spec, "spec is null");
        this.name = spec.name();
        this.context = requireNonNull(context, "context is null");
    }

    public String name() {
        return name;
    }

    /**
     * Starts the server unless it runs already. The future completes with the state the attempt
     * settled in: READY, or BACKOFF/FAILED/STOPPED when it did not come up.
     */
    public synchronized CompletableFuture<ServerState> start() {
        if (state == ServerState.READY || state == ServerState.STARTING || state == ServerState.BACKOFF) {
            return CompletableFuture.completedFuture(state);
        }
        crashNanos.clear();
        settled = new CompletableFuture<>();
        launch();
        return settled;
    }

    /** Stops the server with its stop settings; completes when the stop sequence is over. */
    public CompletableFuture<Void> stop() {
        ServerInstance stopping;
        synchronized (this) {
            cancelTimers();
            stopping = current;
            current = null;
            if (stopping == null) {
                transition(ServerState.STOPPED);
                settled.complete(state);
                return CompletableFuture.completedFuture(null);
            }
            transition(ServerState.STOPPING);
        }
        return CompletableFuture.runAsync(stopping::close, context.blocking()).whenComplete((ok, failure) -> {
            synchronized (this) {
                if (state == ServerState.STOPPING && current == null) {
                    transition(ServerState.STOPPED);
                    settled.complete(state);
                }
            }
        });
    }

    public synchronized ServerStatus status() {
        ServerInstance serving = current;
        long now = System.nanoTime();
        return new ServerStatus(
                name,
                spec.transport(),
                state,
                serving == null ? OptionalLong.empty() : serving.pid(),
                serving == null ? 0 : serving.uptimeMs(now),
                restarts,
                serving == null ? 0 : serving.tools(),
                lastError);
    }

    public synchronized ServerSpec spec() {
        return spec;
    }

    public synchronized ServerState state() {
        return state;
    }

    // --- the life of one instance ---------------------------------------------------------

    /** Caller holds the lock. */
    private void launch() {
        ServerSpec launching = spec;
        Optional<TransportProvider> provider = context.transports().find(launching.transport());
        if (provider.isEmpty()) {
            lastError = "no transport provider named '" + launching.transport() + "' is installed";
            transition(ServerState.FAILED);
            settled.complete(state);
            return;
        }
        long number = ++instances;
        if (number > 1) {
            restarts++;
        }
        Transport transport;
        try {
            transport = provider.get().open(launching, new TransportContext(name, number));
        } catch (RuntimeException e) {
            lastError = "transport '" + launching.transport() + "' could not open: " + e.getMessage();
            transition(ServerState.FAILED);
            settled.complete(state);
            return;
        }
        ServerInstance[] self = new ServerInstance[1];
        McpSession session = new McpSession(transport, context.json(), context.clientVersion(),
                line -> log.info("[{}] {}", name, line),
                end -> ended(self[0], end));
        ServerInstance instance = new ServerInstance(launching, number, transport, session);
        self[0] = instance;
        current = instance;
        transition(ServerState.STARTING);
        context.blocking().execute(() -> handshake(instance));
    }

    private void handshake(ServerInstance instance) {
        try {
            instance.session().start();
        } catch (IOException | RuntimeException e) {
            failed(instance, "could not start: " + e.getMessage());
            return;
        }
        Duration timeout = Duration.ofSeconds(instance.spec().startupTimeoutSecs());
        instance.session().initialize(timeout).whenComplete((handshake, failure) -> {
            if (failure != null) {
                failed(instance, unwrap(failure));
            } else {
                ready(instance, handshake);
            }
        });
    }

    private void ready(ServerInstance instance, Handshake handshake) {
        synchronized (this) {
            if (instance == current && state == ServerState.STARTING) {
                instance.ready(handshake, System.nanoTime());
                lastError = null;
                transition(ServerState.READY);
                schedulePings(instance);
                settled.complete(state);
                return;
            }
        }
        context.blocking().execute(instance::close);
    }

    /** The instance did not come up, or stopped answering: stop what is left of it, then recover. */
    private void failed(ServerInstance instance, String reason) {
        synchronized (this) {
            if (instance != current) {
                return;
            }
            current = null;
            lastError = reason;
            recover(true);
        }
        context.blocking().execute(instance::close);
    }

    /** The instance's transport ended by itself (or because {@link #failed} closed it). */
    private void ended(ServerInstance instance, TransportEnd end) {
        synchronized (this) {
            if (instance == null || instance != current) {
                return;
            }
            current = null;
            boolean failure = end.kind() != TransportEnd.Kind.ENDED;
            lastError = failure ? end.reason() : lastError;
            if (!failure) {
                log.info("server={} {}", name, end.reason());
            }
            recover(failure);
        }
    }

    /** Caller holds the lock; the instance is gone. Restart, wait, or give up, per policy. */
    private void recover(boolean failure) {
        cancelTimers();
        RestartPolicy policy = spec.restart();
        boolean restart = policy == RestartPolicy.ALWAYS || (policy == RestartPolicy.ON_FAILURE && failure);
        if (!restart) {
            transition(failure ? ServerState.FAILED : ServerState.STOPPED);
            settled.complete(state);
            return;
        }
        long now = System.nanoTime();
        crashNanos.addLast(now);
        while (!crashNanos.isEmpty() && now - crashNanos.peekFirst() > CRASH_WINDOW.toNanos()) {
            crashNanos.removeFirst();
        }
        if (crashNanos.size() >= CRASH_LIMIT) {
            lastError = "ended " + CRASH_LIMIT + " times within " + CRASH_WINDOW.toSeconds()
                    + " s; stays down until its config changes (last: " + lastError + ")";
            transition(ServerState.FAILED);
            settled.complete(state);
            return;
        }
        Duration delay = context.backoff().delay(crashNanos.size());
        transition(ServerState.BACKOFF);
        settled.complete(state);
        nextStart = context.timers().schedule(this::restartAfterBackoff, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    private synchronized void restartAfterBackoff() {
        if (state == ServerState.BACKOFF) {
            settled = new CompletableFuture<>();
            launch();
        }
    }

    private void schedulePings(ServerInstance instance) {
        long every = context.pingInterval().get().toMillis();
        Duration timeout = Duration.ofMillis(Math.min(every, Duration.ofSeconds(10).toMillis()));
        pings = context.timers().scheduleAtFixedRate(() -> instance.session().ping(timeout).whenComplete((ok, failure) -> {
            if (failure != null) {
                failed(instance, "missed a ping: " + unwrap(failure));
            }
        }), every, every, TimeUnit.MILLISECONDS);
    }

    private void cancelTimers() {
        if (nextStart != null) {
            nextStart.cancel(false);
            nextStart = null;
        }
        if (pings != null) {
            pings.cancel(false);
            pings = null;
        }
    }

    /** Caller holds the lock. One log line per change, as operators grep for them. */
    private void transition(ServerState next) {
        ServerState previous = state;
        state = next;
        ServerStatus status = status();
        StringBuilder line = new StringBuilder("server=").append(name).append(" state=").append(next)
                .append(" was=").append(previous);
        status.pid().ifPresent(pid -> line.append(" pid=").append(pid));
        if (next == ServerState.READY) {
            line.append(" tools=").append(status.tools());
        }
        if (next == ServerState.FAILED || next == ServerState.BACKOFF) {
            line.append(" error=\"").append(lastError).append('"');
        }
        if (next == ServerState.FAILED) {
            log.warn("{}", line);
        } else {
            log.info("{}", line);
        }
        context.listener().changed(status, previous);
    }

    private static String unwrap(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof java.util.concurrent.TimeoutException) {
            return "no answer in time";
        }
        return cause.getMessage() == null ? cause.toString() : cause.getMessage();
    }
}
