package dev.zeroclaw.supervisor;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.zeroclaw.api.RestartPolicy;
import dev.zeroclaw.api.RestartStrategy;
import dev.zeroclaw.api.ServerSpec;
import dev.zeroclaw.api.transport.RequestAuthorization;
import dev.zeroclaw.api.transport.Transport;
import dev.zeroclaw.api.transport.TransportContext;
import dev.zeroclaw.api.transport.TransportEnd;
import dev.zeroclaw.api.transport.TransportProvider;
import dev.zeroclaw.mcp.Handshake;
import dev.zeroclaw.mcp.McpSession;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one configured server running: starts it, watches it with pings, restarts it after a
 * crash with backoff, gives up after too many crashes, replaces it when its config changes
 * (start-first or stop-first), and stops it.
 *
 * <p>Every mutable field is guarded by {@code this}. Nothing that blocks runs under the lock:
 * launching and stop sequences run on the shared blocking executor, and events from an instance
 * that is neither the current one nor the candidate are ignored.
 */
public final class ServerSupervisor {

    /** Crashes within this window count toward {@link #CRASH_LIMIT}. */
    static final Duration CRASH_WINDOW = Duration.ofSeconds(60);
    static final int CRASH_LIMIT = 5;
    /** How long a missed ping of a server process waits for that process's end ({@link #pingFailed}). */
    static final Duration EXIT_GRACE = Duration.ofSeconds(1);

    /** How long after a line is suppressed its count is reported, when no line let through has carried it. */
    static final Duration SUPPRESSED_REPORT_DELAY = Duration.ofSeconds(1);

    private static final Logger log = LoggerFactory.getLogger(ServerSupervisor.class);

    private final String name;
    private final SupervisorContext context;
    // What the server's instances say (stderr, output that is not JSON), across restarts; guarded by its own lock.
    private final LogRateLimit serverLines = LogRateLimit.perServer();
    // Set while a report of suppressed lines is scheduled, so that a flood schedules one at a time.
    private final AtomicBoolean suppressedReportDue = new AtomicBoolean();

    private ServerSpec spec;
    private ServerState state = ServerState.STOPPED;
    /** The instance that serves (or is starting to serve) under {@link #spec}. */
    private ServerInstance current;
    /** During a start-first replacement: the new instance, not yet serving. */
    private ServerInstance candidate;
    private CompletableFuture<Optional<String>> candidateOutcome;
    /** During a start-first replacement: what the old instance's stop waits for once the candidate serves. */
    private CompletionStage<?> candidateRetiresOldAfter;
    private long instances;
    private int restarts;
    private int replacements;
    private String lastError;
    // The instance failed() last took down, and why: its own end may come later and say more.
    private ServerInstance failedInstance;
    private String failedReason;
    private final Deque<Long> crashNanos = new ArrayDeque<>();
    /** Ends since the server was last READY: the backoff's exponent. */
    private int failuresSinceReady;
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
        failuresSinceReady = 0;
        settled = new CompletableFuture<>();
        launch(true);
        return settled;
    }

    /**
     * Applies settings that take effect without a restart ({@code tool_timeout_secs} and the
     * like); the launch settings of {@code next} must equal the current ones.
     */
    public synchronized void update(ServerSpec next) {
        requireNonNull(next, "next is null");
        ServerSpec before = spec;
        spec = next;
        context.listener().updated(before, next);
    }

    /** The names of the tools the serving instance offered when it became READY; empty when none serves. */
    public List<String> toolNames() {
        return tools().orElse(List.of()).stream().map(tool -> tool.path("name").asText("")).toList();
    }

    /** The tools (entries of its {@code tools/list}) the serving instance offered when it became READY; empty when none serves. */
    public synchronized Optional<List<JsonNode>> tools() {
        Handshake known = state != ServerState.READY || current == null ? null : current.handshake();
        return known == null ? Optional.empty() : Optional.of(known.tools());
    }

    /**
     * Moves the server to {@code next}, whose launch settings changed. Start-first: the new
     * instance starts beside the old one, takes over once READY, then the old one stops with its
     * own stop settings; if the new one fails, the old one keeps serving. Stop-first: the old one
     * stops, then the new one starts. A server that is not serving (FAILED, BACKOFF, STOPPED)
     * simply starts afresh under {@code next}.
     *
     * @return empty when the server serves under {@code next}, else why not
     */
    public CompletableFuture<Optional<String>> replace(ServerSpec next) {
        return replace(next, CompletableFuture.completedFuture(null));
    }

    /**
     * As {@link #replace(ServerSpec)}, but the old instance of a start-first replacement begins to
     * drain and stop only once {@code oldStopsAfter} has completed (normally or not) as well: a
     * reload passes the end of its starts, so that old instances' stop sequences do not compete for
     * the CPU with new instances still starting. The old instance no longer serves meanwhile.
     */
    public CompletableFuture<Optional<String>> replace(ServerSpec next, CompletionStage<?> oldStopsAfter) {
        requireNonNull(next, "next is null");
        requireNonNull(oldStopsAfter, "oldStopsAfter is null");
        ServerInstance old;
        synchronized (this) {
            if (current == null || state == ServerState.FAILED || state == ServerState.BACKOFF || state == ServerState.NEEDS_AUTH) {
                cancelTimers();
                spec = next;
                crashNanos.clear();
                failuresSinceReady = 0;
                settled = new CompletableFuture<>();
                launch(true);
                return settled.thenApply(this::outcome);
            }
            // Start-first keeps the old instance serving until the new one is READY, which needs the
            // old one's provider still installed; when its plugin was removed, the old one stops first.
            if (next.restartStrategy() == RestartStrategy.START_FIRST
                    && context.transports().find(current.spec().transport()).isPresent()) {
                return startCandidate(next, oldStopsAfter);
            }
            cancelTimers();
            old = current;
            current = null;
            transition(ServerState.STOPPING);
        }
        Duration oldStop = Duration.ofSeconds(old.spec().stopTimeoutSecs());
        return CompletableFuture.runAsync(() -> old.close(oldStop), context.blocking()).thenCompose(stopped -> {
            synchronized (this) {
                if (state != ServerState.STOPPING) {
                    return CompletableFuture.completedFuture(Optional.of("stopped while being replaced"));
                }
                spec = next;
                crashNanos.clear();
                failuresSinceReady = 0;
                settled = new CompletableFuture<>();
                launch(true);
                return settled.thenApply(this::outcome);
            }
        });
    }

    /** Stops the server (and a replacement in progress); completes when every stop sequence is over. */
    public CompletableFuture<Void> stop() {
        ServerInstance stopping;
        ServerInstance starting;
        Duration stopTimeout;
        synchronized (this) {
            cancelTimers();
            stopping = current;
            starting = candidate;
            current = null;
            dropCandidate("stopped while starting");
            stopTimeout = Duration.ofSeconds(spec.stopTimeoutSecs());
            if (stopping == null) {
                transition(ServerState.STOPPED);
                settled.complete(state);
            } else {
                transition(ServerState.STOPPING);
            }
        }
        CompletableFuture<Void> candidateStopped = starting == null
                ? CompletableFuture.completedFuture(null)
                : CompletableFuture.runAsync(() -> closeForGood(starting, stopTimeout), context.blocking());
        if (stopping == null) {
            return candidateStopped;
        }
        CompletableFuture<Void> stopped = CompletableFuture.runAsync(() -> closeForGood(stopping, stopTimeout), context.blocking())
                .whenComplete((ok, failure) -> {
                    synchronized (this) {
                        if (state == ServerState.STOPPING && current == null) {
                            transition(ServerState.STOPPED);
                            settled.complete(state);
                        }
                    }
                });
        return CompletableFuture.allOf(stopped, candidateStopped);
    }

    /**
     * Closes {@code instance} and strikes its process from the record at once: the end's own report
     * comes on the transport's thread a moment later, which a daemon exiting after its stop may
     * never run, and a clean stop must leave an empty record.
     */
    private void closeForGood(ServerInstance instance, Duration stopTimeout) {
        instance.close(stopTimeout);
        instance.pid().ifPresent(context.children()::ended);
    }

    /**
     * A lease on the READY instance for one call, empty when none serves. The old instance of a
     * start-first replacement stops only once its leases are closed (or its tool timeout passed).
     */
    public synchronized Optional<ServingLease> serve() {
        if (state != ServerState.READY || current == null) {
            return Optional.empty();
        }
        current.callStarted();
        return Optional.of(new ServingLease(name, current, spec.toolTimeoutSecs()));
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
                replacements,
                serving == null ? 0 : serving.tools(),
                lastError,
                state == ServerState.BACKOFF && nextStart != null
                        ? OptionalLong.of(Math.max(0, nextStart.getDelay(TimeUnit.MILLISECONDS)))
                        : OptionalLong.empty());
    }

    public synchronized ServerSpec spec() {
        return spec;
    }

    public synchronized ServerState state() {
        return state;
    }

    // --- the life of one instance ---------------------------------------------------------

    /**
     * Caller holds the lock. Opens an instance of {@link #spec} as the current one and starts it.
     *
     * @param asked a start or replacement the configuration asked for, not a restart after a crash
     */
    private void launch(boolean asked) {
        Optional<ServerInstance> opened = open(spec, asked);
        if (opened.isEmpty()) {
            transition(ServerState.FAILED);
            settled.complete(state);
            return;
        }
        current = opened.get();
        transition(ServerState.STARTING);
        ServerInstance instance = current;
        context.blocking().execute(() -> handshake(instance));
    }

    /** Caller holds the lock. */
    private CompletableFuture<Optional<String>> startCandidate(ServerSpec next, CompletionStage<?> oldStopsAfter) {
        if (candidate != null) {
            dropCandidate("replaced by a newer configuration");
        }
        Optional<ServerInstance> opened = open(next, true);
        if (opened.isEmpty()) {
            return CompletableFuture.completedFuture(Optional.of(lastError));
        }
        candidate = opened.get();
        candidateOutcome = new CompletableFuture<>();
        candidateRetiresOldAfter = oldStopsAfter;
        log.info("server={} starting a new instance beside the serving one (start-first)", name);
        ServerInstance instance = candidate;
        CompletableFuture<Optional<String>> outcome = candidateOutcome;
        context.blocking().execute(() -> handshake(instance));
        return outcome;
    }

    /**
     * Caller holds the lock. A new instance of {@code launching}, not yet started; empty (with
     * lastError) if none. Counted as a restart (after a crash) or, when {@code asked}, a replacement.
     */
    private Optional<ServerInstance> open(ServerSpec launching, boolean asked) {
        Optional<TransportProvider> provider = context.transports().find(launching.transport());
        if (provider.isEmpty()) {
            lastError = context.transports().whyMissing(launching.transport());
            return Optional.empty();
        }
        long number = ++instances;
        if (number > 1 && asked) {
            replacements++;
        } else if (number > 1) {
            restarts++;
        }
        Transport transport;
        RequestAuthorization authorization;
        try {
            authorization = context.authorizations().apply(launching);
            transport = provider.get().open(launching,
                    new TransportContext(name, number, context.withheldEnvironment().get(), authorization));
        } catch (RuntimeException e) {
            lastError = "transport '" + launching.transport() + "' could not open: " + e.getMessage();
            return Optional.empty();
        }
        ServerInstance[] self = new ServerInstance[1];
        McpSession session = new McpSession(transport, context.json(), context.clientVersion(),
                line -> {
                    context.listener().said(name, number, self[0].pid(), line);
                    logServerLine(line);
                },
                end -> ended(self[0], end),
                (method, params) -> context.listener().notified(name, method, params),
                (method, params) -> context.requests().requested(name, number, method, params));
        self[0] = new ServerInstance(launching, number, transport, session, authorization);
        return Optional.of(self[0]);
    }

    /** One line the server said, unless it says too much: then one line says how much was left out. */
    private void logServerLine(String line) {
        long suppressed = serverLines.admit();
        if (suppressed == LogRateLimit.SUPPRESS) {
            reportSuppressedLater();
            return;
        }
        reportSuppressed(suppressed);
        log.info("[{}] {}", name, line);
    }

    /**
     * A flood's last lines are counted after the last line let through: a report one second later
     * says how many, so that no suppressed line goes uncounted when the flood ends.
     */
    private void reportSuppressedLater() {
        if (!suppressedReportDue.compareAndSet(false, true)) {
            return;
        }
        try {
            context.timers().schedule(() -> {
                suppressedReportDue.set(false);
                reportSuppressed(serverLines.takeSuppressed());
            }, SUPPRESSED_REPORT_DELAY.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // The daemon is stopping: nothing is left to report to.
            suppressedReportDue.set(false);
        }
    }

    private void reportSuppressed(long suppressed) {
        if (suppressed > 0) {
            log.info("server={} suppressed {} lines of its output ({})", name, suppressed, serverLines.describe());
        }
    }

    private void handshake(ServerInstance instance) {
        try {
            instance.session().start();
        } catch (IOException | RuntimeException e) {
            failed(instance, "could not start: " + e.getMessage());
            return;
        }
        context.listener().launched(name, instance.number(), instance.pid());
        Duration timeout = Duration.ofSeconds(instance.spec().startupTimeoutSecs());
        CompletableFuture<Handshake> initialized = instance.session().initialize(timeout);
        // Recorded once initialize is on its way: the write overlaps the server's own start.
        instance.pid().ifPresent(pid -> context.children().started(name, pid));
        initialized.whenComplete((handshake, failure) -> {
            if (failure != null) {
                failed(instance, unwrap(failure));
            } else {
                ready(instance, handshake);
            }
        });
    }

    private void ready(ServerInstance instance, Handshake handshake) {
        ServerInstance drained = null;
        Duration drainBound = null;
        CompletionStage<?> retireAfter = null;
        synchronized (this) {
            if (instance == current && state == ServerState.STARTING) {
                instance.ready(handshake, System.nanoTime());
                lastError = null;
                failuresSinceReady = 0;
                transition(ServerState.READY);
                schedulePings(instance);
                settled.complete(state);
                return;
            }
            if (instance == candidate) {
                instance.ready(handshake, System.nanoTime());
                cancelTimers();
                drained = current;
                drainBound = Duration.ofSeconds(spec.toolTimeoutSecs());
                retireAfter = candidateRetiresOldAfter;
                current = instance;
                spec = instance.spec();
                candidate = null;
                candidateRetiresOldAfter = null;
                lastError = null;
                crashNanos.clear();
                failuresSinceReady = 0;
                transition(ServerState.READY);
                schedulePings(instance);
                settled.complete(state);
                candidateOutcome.complete(Optional.empty());
            }
        }
        if (drained != null) {
            // Calls in flight on the old instance finish there (bounded by the tool timeout); then it
            // stops with its OLD stop settings.
            ServerInstance old = drained;
            log.info("server={} new instance serving; draining the old one (calls_in_flight={})", name, old.callsInFlight());
            CompletableFuture<Void> mayStop = retireAfter.toCompletableFuture().handle((done, failure) -> null);
            CompletableFuture.allOf(old.drain(drainBound), mayStop).thenRunAsync(() -> {
                int left = old.callsInFlight();
                if (left > 0) {
                    log.warn("server={} old instance still had {} calls in flight after tool_timeout_secs; stopping it", name, left);
                }
                old.close(Duration.ofSeconds(old.spec().stopTimeoutSecs()));
            }, context.blocking());
            return;
        }
        if (instance != current) {
            context.blocking().execute(() -> instance.close(Duration.ofSeconds(instance.spec().stopTimeoutSecs())));
        }
    }

    /** The instance did not come up, or stopped answering: stop what is left of it, then recover. */
    private void failed(ServerInstance instance, String reason) {
        synchronized (this) {
            if (instance == candidate) {
                log.warn("server={} new instance failed, the old one keeps serving: {}", name, reason);
                dropCandidate("the new instance failed: " + reason);
            } else if (instance == current && instance.authorization().personNeeded().isPresent()) {
                // Retrying cannot help: the server waits for a login, without backoff, saying what to run.
                current = null;
                cancelTimers();
                lastError = instance.authorization().personNeeded().get();
                failedInstance = instance;
                failedReason = lastError;
                transition(ServerState.NEEDS_AUTH);
                settled.complete(state);
            } else if (instance == current) {
                current = null;
                lastError = reason;
                failedInstance = instance;
                failedReason = reason;
                recover(true, instance.pid().isPresent());
            } else {
                return;
            }
        }
        context.blocking().execute(() -> instance.close(Duration.ofSeconds(instance.spec().stopTimeoutSecs())));
    }

    /** The instance's transport ended by itself (or because {@link #failed} closed it). */
    private void ended(ServerInstance instance, TransportEnd end) {
        if (instance != null) {
            instance.pid().ifPresent(context.children()::ended);
        }
        synchronized (this) {
            if (instance == null) {
                return;
            }
            if (instance == candidate) {
                dropCandidate("the new instance ended before it was ready: " + end.reason());
                return;
            }
            if (instance != current) {
                // A process that died as it started fails the first request with a broken pipe
                // before its exit is seen; the exit status says more, so it replaces that error.
                if (instance == failedInstance && end.kind() == TransportEnd.Kind.FAILED && lastError != null
                        && lastError.equals(failedReason)) {
                    lastError = end.reason();
                }
                return;
            }
            current = null;
            boolean failure = end.kind() != TransportEnd.Kind.ENDED;
            lastError = failure ? end.reason() : lastError;
            if (!failure) {
                log.info("server={} {}", name, end.reason());
            }
            recover(failure, instance.pid().isPresent());
        }
    }

    /** Caller holds the lock. Forgets the candidate and tells the reload why it did not take over. */
    private void dropCandidate(String reason) {
        if (candidate == null) {
            return;
        }
        candidate = null;
        candidateRetiresOldAfter = null;
        candidateOutcome.complete(Optional.of(reason));
    }

    /**
     * Caller holds the lock; the current instance is gone. Restart, wait, or give up, per policy.
     *
     * @param ranAProcess the instance reported a process id ({@code Transport.pid()}): it was a
     *     process the daemon runs, whatever its transport's name
     */
    private void recover(boolean failure, boolean ranAProcess) {
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
        failuresSinceReady++;
        // A crash loop of a process the daemon runs is stopped; a server without one (remote, or a
        // process that could not even be launched) is outside its control and is tried again, at
        // most every 60 s, until it returns.
        if (ranAProcess && crashNanos.size() >= CRASH_LIMIT) {
            lastError = "ended " + CRASH_LIMIT + " times within " + CRASH_WINDOW.toSeconds()
                    + " s; stays down until its config changes (last: " + lastError + ")";
            transition(ServerState.FAILED);
            settled.complete(state);
            return;
        }
        Duration delay = context.backoff().delay(failuresSinceReady);
        // Scheduled first, so the BACKOFF status says when the next attempt is; it cannot run
        // before the lock is released.
        nextStart = context.timers().schedule(this::restartAfterBackoff, delay.toMillis(), TimeUnit.MILLISECONDS);
        transition(ServerState.BACKOFF);
        settled.complete(state);
    }

    private synchronized void restartAfterBackoff() {
        if (state == ServerState.BACKOFF && current == null && candidate == null) {
            settled = new CompletableFuture<>();
            launch(false);
        }
    }

    private void schedulePings(ServerInstance instance) {
        long every = context.pingInterval().get().toMillis();
        Duration timeout = Duration.ofMillis(Math.min(every, Duration.ofSeconds(10).toMillis()));
        pings = context.timers().scheduleAtFixedRate(() -> instance.session().ping(timeout).whenComplete((ok, failure) -> {
            if (failure != null) {
                pingFailed(instance, "missed a ping: " + unwrap(failure));
            }
        }), every, every, TimeUnit.MILLISECONDS);
    }

    /**
     * A process that is exiting fails a ping (its stdin is closed) a moment before its exit is
     * seen, and its exit status is what an operator needs in {@code status}: so the ping's failure
     * waits {@link #EXIT_GRACE} for the end of the process, which wins when it comes. A process
     * that still runs then has really missed the ping.
     */
    private void pingFailed(ServerInstance instance, String reason) {
        if (instance.pid().isEmpty()) {
            failed(instance, reason);
            return;
        }
        context.timers().schedule(() -> failed(instance, reason), EXIT_GRACE.toMillis(), TimeUnit.MILLISECONDS);
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

    private Optional<String> outcome(ServerState settledIn) {
        synchronized (this) {
            return settledIn == ServerState.READY ? Optional.empty()
                    : Optional.of(lastError == null ? "ended up " + settledIn : lastError);
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
        if (cause instanceof TimeoutException) {
            return "no answer in time";
        }
        return cause.getMessage() == null ? cause.toString() : cause.getMessage();
    }
}
