package dev.zeroclaw.daemon.reload;

import static java.util.Objects.requireNonNull;

import dev.zeroclaw.api.ConfigError;
import dev.zeroclaw.api.DaemonSettings;
import dev.zeroclaw.api.ServerSpec;
import dev.zeroclaw.config.ConfigException;
import dev.zeroclaw.config.ConfigParser;
import dev.zeroclaw.daemon.config.AppliedConfig;
import dev.zeroclaw.daemon.config.ConfigLoader;
import dev.zeroclaw.daemon.config.ConfigSnapshot;
import dev.zeroclaw.daemon.config.SecretEnvironment;
import dev.zeroclaw.daemon.lifecycle.ThreadEnd;
import dev.zeroclaw.diff.ConfigDiff;
import dev.zeroclaw.diff.FileHash;
import dev.zeroclaw.diff.ReloadPlan;
import dev.zeroclaw.plugins.PluginLocation;
import dev.zeroclaw.plugins.TransportCatalog;
import dev.zeroclaw.signal.SdNotify;
import dev.zeroclaw.supervisor.ServerRegistry;
import dev.zeroclaw.telemetry.ReloadObservation;
import dev.zeroclaw.telemetry.ReloadObserver;
import dev.zeroclaw.telemetry.ReloadOutcome;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place reloads happen. Every trigger (SIGHUP, {@code zeroclaw reload}, the file watcher)
 * asks here; one reload runs at a time on this coordinator's own thread, and every request that
 * arrives while one runs joins the single next reload. A caller therefore always gets the report
 * of a reload that began after its request arrived.
 *
 * <p>Every reload also reads the plugins folder again: servers whose transport provider appeared,
 * went away or changed restart through the catalog as it is now, even when the file is the same.
 */
public final class ReloadCoordinator implements ReloadRequests, AutoCloseable {

    /** How long {@link #close} waits for an interrupted reload to end. */
    static final Duration CLOSE_WAIT = Duration.ofSeconds(5);

    private static final Logger log = LoggerFactory.getLogger(ReloadCoordinator.class);

    private final Path file;
    private final ConfigParser parser;
    private final AppliedConfig applied;
    private final ServerRegistry registry;
    private final SdNotify notify;
    private final Consumer<ReloadReport> reported;
    private final TransportCatalog transports;
    private final Optional<Path> pluginDirOverride;
    private final SecretEnvironment secrets;
    private final Function<DaemonSettings, Optional<String>> gateway;
    private final ReloadObserver observer;

    // Guarded by this: the next reload's waiters and the triggers that asked for it.
    private CompletableFuture<ReloadReport> next;
    private final Set<String> nextTriggers = new LinkedHashSet<>();
    // The uid of the first control-socket client among them, for the audit log.
    private OptionalLong nextPeerUid = OptionalLong.empty();
    private boolean closed;
    private Thread worker;
    // Only the worker thread touches these.
    private long reloads;
    private final Set<String> unappliedTransportChanges = new TreeSet<>();

    /**
     * @param transports the installed transports, refreshed at every reload
     * @param pluginDirOverride {@code --plugin-dir}, which wins over the file's {@code plugin_dir}
     */
    public ReloadCoordinator(Path file, ConfigParser parser, AppliedConfig applied, ServerRegistry registry, SdNotify notify,
            TransportCatalog transports, Optional<Path> pluginDirOverride) {
        this(file, parser, applied, registry, notify, transports, pluginDirOverride, SecretEnvironment.ofThisProcess(),
                report -> {});
    }

    /**
     * @param secrets what the file's secret values are resolved from, again at every reload
     * @param reported hears every reload's report (metrics), on the reload thread; must not block
     */
    public ReloadCoordinator(Path file, ConfigParser parser, AppliedConfig applied, ServerRegistry registry, SdNotify notify,
            TransportCatalog transports, Optional<Path> pluginDirOverride, SecretEnvironment secrets,
            Consumer<ReloadReport> reported) {
        this(file, parser, applied, registry, notify, transports, pluginDirOverride, secrets, reported, settings -> Optional.empty());
    }

    /**
     * @param gateway takes each applied configuration's daemon settings (the gateway's
     *     {@code listen}); returns why it could not, for the report's warnings
     */
    public ReloadCoordinator(Path file, ConfigParser parser, AppliedConfig applied, ServerRegistry registry, SdNotify notify,
            TransportCatalog transports, Optional<Path> pluginDirOverride, SecretEnvironment secrets,
            Consumer<ReloadReport> reported, Function<DaemonSettings, Optional<String>> gateway) {
        this(file, parser, applied, registry, notify, transports, pluginDirOverride, secrets, reported, gateway, ReloadObserver.NONE);
    }

    /** @param observer hears each reload's start, the start of its server actions and its report (audit log, traces) */
    public ReloadCoordinator(Path file, ConfigParser parser, AppliedConfig applied, ServerRegistry registry, SdNotify notify,
            TransportCatalog transports, Optional<Path> pluginDirOverride, SecretEnvironment secrets,
            Consumer<ReloadReport> reported, Function<DaemonSettings, Optional<String>> gateway, ReloadObserver observer) {
        this.observer = requireNonNull(observer, "observer is null");
        this.gateway = requireNonNull(gateway, "gateway is null");
        this.reported = requireNonNull(reported, "reported is null");
        this.secrets = requireNonNull(secrets, "secrets is null");
        this.file = requireNonNull(file, "file is null");
        this.parser = requireNonNull(parser, "parser is null");
        this.applied = requireNonNull(applied, "applied is null");
        this.registry = requireNonNull(registry, "registry is null");
        this.notify = requireNonNull(notify, "notify is null");
        this.transports = requireNonNull(transports, "transports is null");
        this.pluginDirOverride = requireNonNull(pluginDirOverride, "pluginDirOverride is null");
    }

    /**
     * Starts the thread that runs the reloads. Requests made before wait for it: the daemon starts
     * it once its servers have started, so a reload never races the first start.
     */
    public synchronized void start() {
        if (closed) {
            throw new IllegalStateException("the reload coordinator was closed");
        }
        if (worker != null) {
            throw new IllegalStateException("the reload coordinator has started already");
        }
        worker = new Thread(this::work, "zeroclaw-reload");
        worker.setDaemon(true);
        worker.start();
    }

    /**
     * Asks for a reload. Never blocks: safe from a signal handler's thread. The future completes
     * with the report of the reload that began after this request.
     */
    @Override
    public synchronized CompletableFuture<ReloadReport> request(String trigger) {
        return request(trigger, OptionalLong.empty());
    }

    @Override
    public synchronized CompletableFuture<ReloadReport> request(String trigger, OptionalLong peerUid) {
        requireNonNull(trigger, "trigger is null");
        requireNonNull(peerUid, "peerUid is null");
        if (closed) {
            return CompletableFuture.failedFuture(new CancellationException("the daemon is stopping"));
        }
        if (next == null) {
            next = new CompletableFuture<>();
            notifyAll();
        }
        nextTriggers.add(trigger);
        if (nextPeerUid.isEmpty()) {
            nextPeerUid = peerUid;
        }
        return next;
    }

    /** The plan the file on disk would apply to the running configuration; nothing is applied. */
    public ReloadReport dryRun() {
        long started = System.nanoTime();
        ConfigSnapshot running = applied.get();
        try {
            byte[] content = ConfigLoader.read(file);
            String sha256 = FileHash.sha256Hex(content);
            if (!resolveAgain(running, sha256)) {
                return report(0, "dry-run", sha256, started, nothingChanged(running), Map.of(), List.of());
            }
            ConfigSnapshot candidate = snapshot(content, sha256);
            ReloadPlan plan = ConfigDiff.between(running.fingerprint(), candidate.fingerprint());
            // As the reload itself would refuse it: a provider's problem with what would start.
            List<ConfigError> problems = providerProblems(candidate, plan);
            List<ConfigError> warnings = ConfigLoader.warnings(transports, candidate);
            if (!problems.isEmpty()) {
                return report(0, "dry-run", sha256, started, ReloadReport.NOTHING, Map.of(), problems, warnings);
            }
            return report(0, "dry-run", sha256, started, plan, Map.of(), List.of(), warnings);
        } catch (ConfigException e) {
            return report(0, "dry-run", null, started, ReloadReport.NOTHING, Map.of(), e.errors());
        }
    }

    private void work() {
        while (true) {
            CompletableFuture<ReloadReport> waiters;
            String trigger;
            OptionalLong peerUid;
            synchronized (this) {
                while (next == null && !closed) {
                    try {
                        wait();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                if (closed) {
                    return;
                }
                waiters = next;
                trigger = String.join("+", nextTriggers);
                peerUid = nextPeerUid;
                next = null;
                nextTriggers.clear();
                nextPeerUid = OptionalLong.empty();
            }
            try {
                waiters.complete(reload(++reloads, trigger, peerUid));
            } catch (InterruptedException e) {
                waiters.completeExceptionally(new CancellationException("the daemon is stopping"));
                return;
            } catch (Throwable e) {
                // Last resort (reload() reports its own failures): whatever happened, this thread serves the next reload.
                log.error("reload failed unexpectedly; the running configuration is unchanged", e);
                waiters.completeExceptionally(e);
            }
        }
    }

    private ReloadReport reload(long id, String trigger, OptionalLong peerUid) throws InterruptedException {
        long started = System.nanoTime();
        log.info("reload id={} trigger={} begins", id, trigger);
        notify.reloading();
        ReloadObservation observed = observer.begin(id, trigger);
        // The old instances of start-first replacements stop once the report is out (and whatever happens).
        CompletableFuture<Void> reportedOrOver = new CompletableFuture<>();
        ReloadReport report;
        try {
            report = decideAndApply(id, trigger, started, reportedOrOver, observed);
        } catch (InterruptedException e) {
            // The daemon is stopping (close() interrupts): STOPPING=1 is what systemd hears next, not READY=1.
            reportedOrOver.complete(null);
            throw e;
        } catch (Throwable e) {
            // A bug or an Error (OutOfMemoryError, StackOverflowError): a failed reload, not a dead reload thread.
            log.error("reload id={} trigger={} failed unexpectedly: {}", id, trigger, e.toString(), e);
            report = report(id, trigger, null, started, ReloadReport.NOTHING, Map.of(), List.of(unexpected(e)));
        }
        try {
            log.info("{}", report.logLine());
            reportedOrOver.complete(null);
            reported.accept(report);
            observed.end(outcome(report, peerUid));
            notify.status(statusLine(report));
        } finally {
            reportedOrOver.complete(null);
            // After RELOADING=1 always READY=1, or systemd keeps the unit "reloading" for good.
            notify.ready();
        }
        return report;
    }

    private ConfigError unexpected(Throwable e) {
        return ConfigError.ofFile(file.toString(), "the reload failed unexpectedly (" + e
                + "); the previous configuration keeps running; the daemon's log has the stack trace");
    }

    /** The report as the audit log and the traces take it, with the control-socket client's uid when one asked. */
    private static ReloadOutcome outcome(ReloadReport report, OptionalLong peerUid) {
        return new ReloadOutcome(report.id(), report.trigger(), peerUid,
                report.result().name().toLowerCase(Locale.ROOT), Optional.ofNullable(report.configSha256()), report.durationMs(),
                report.plan(), report.failed(), report.errors().stream().map(ConfigError::toString).toList());
    }

    private ReloadReport decideAndApply(long id, String trigger, long started, CompletableFuture<Void> oldStopsAfter,
            ReloadObservation observed) throws InterruptedException {
        ConfigSnapshot running = applied.get();
        byte[] content;
        try {
            content = ConfigLoader.read(file);
        } catch (ConfigException e) {
            return report(id, trigger, null, started, ReloadReport.NOTHING, Map.of(), e.errors());
        }
        String sha256 = FileHash.sha256Hex(content);
        ConfigSnapshot candidate = running;
        if (resolveAgain(running, sha256)) {
            try {
                candidate = snapshot(content, sha256);
            } catch (ConfigException e) {
                return report(id, trigger, sha256, started, ReloadReport.NOTHING, Map.of(), e.errors());
            }
        }
        // Kept until a plan is applied: a reload refused below must not lose a provider's change.
        unappliedTransportChanges.addAll(refreshTransports(candidate));
        Set<String> changedTransports = Set.copyOf(unappliedTransportChanges);
        List<ConfigError> warnings = ConfigLoader.warnings(transports, candidate);
        if (candidate == running && changedTransports.isEmpty()) {
            return report(id, trigger, sha256, started, nothingChanged(running), Map.of(), List.of(), warnings);
        }
        ReloadPlan plan = plan(running, candidate, changedTransports);
        if (sha256.equals(running.sha256()) && plan.isEmpty() && changedTransports.isEmpty()) {
            // The same bytes, their secrets resolved again to what runs: as the byte-hash no-op.
            return report(id, trigger, sha256, started, nothingChanged(running), Map.of(), List.of(), warnings);
        }
        Map<String, ServerSpec> next = new LinkedHashMap<>();
        candidate.config().runnableServers().forEach(spec -> next.put(spec.name(), spec));
        List<ConfigError> problems = providerProblems(candidate, plan);
        if (!problems.isEmpty()) {
            return report(id, trigger, sha256, started, ReloadReport.NOTHING, Map.of(), problems, warnings);
        }
        Map<String, String> failed;
        observed.applying();
        try {
            failed = registry.apply(plan, next, oldStopsAfter).get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("applying a reload plan failed", e.getCause());
        }
        applied.replace(candidate);
        unappliedTransportChanges.clear();
        Optional<String> gatewayProblem = gateway.apply(candidate.config().settings());
        if (gatewayProblem.isPresent()) {
            warnings = new ArrayList<>(warnings);
            warnings.add(ConfigError.ofFile(file.toString(), gatewayProblem.get()));
        }
        warnings.forEach(warning -> log.warn("reload id={} warning: {}", id, warning));
        return report(id, trigger, sha256, started, plan, failed, List.of(), warnings);
    }

    /** The providers' own rules (a cwd that does not exist, ...) for what {@code plan} would start: as config check. */
    private List<ConfigError> providerProblems(ConfigSnapshot candidate, ReloadPlan plan) {
        Map<String, ServerSpec> next = new LinkedHashMap<>();
        candidate.config().runnableServers().forEach(spec -> next.put(spec.name(), spec));
        List<ServerSpec> starting = new ArrayList<>();
        plan.added().forEach(name -> Optional.ofNullable(next.get(name)).ifPresent(starting::add));
        plan.restart().forEach(change -> Optional.ofNullable(next.get(change.name())).ifPresent(starting::add));
        return ConfigLoader.providerProblems(transports, candidate, starting);
    }

    /**
     * Runs the decision path of a reload (read, SHA-256, parse, validate, fingerprint, diff, plan)
     * on the applied file, {@code rounds} times or until {@code budget} is spent or a reload is
     * asked for, applying nothing. A daemon that reloads a few times a day would otherwise run its
     * first reloads interpreted (a hundred milliseconds and more for 100 servers instead of a few).
     * Safe beside the worker: it touches nothing shared but the file it reads.
     *
     * @return the rounds run
     */
    public int warmUp(int rounds, Duration budget) {
        long deadline = System.nanoTime() + budget.toNanos();
        int done = 0;
        try {
            ConfigSnapshot running = applied.get();
            while (done < rounds && System.nanoTime() < deadline && !reloadAsked()) {
                byte[] content = ConfigLoader.read(file);
                // Secrets as written: a warm-up must not run op or read secrets hundreds of times; its plan is dropped.
                ConfigSnapshot candidate = ConfigSnapshot.parse(parser, value -> value, file, content, FileHash.sha256Hex(content));
                plan(running, candidate, Set.of());
                done++;
            }
        } catch (ConfigException | RuntimeException e) {
            // An unreadable or changed file: the reload that follows reports it.
        }
        return done;
    }

    /** The pure part of a decision, which {@link #warmUp} runs too. */
    private static ReloadPlan plan(ConfigSnapshot running, ConfigSnapshot candidate, Set<String> changedTransports) {
        return ProviderChanges.restartUsers(
                ConfigDiff.between(running.fingerprint(), candidate.fingerprint()), candidate.config(), changedTransports);
    }

    private synchronized boolean reloadAsked() {
        return next != null;
    }

    /** Reads the plugins folder the candidate names (or --plugin-dir); the transport names whose provider changed. */
    private Set<String> refreshTransports(ConfigSnapshot candidate) {
        Path pluginDir = PluginLocation.resolve(pluginDirOverride, candidate.config().settings());
        TransportCatalog.TransportChanges changes = transports.refresh(pluginDir);
        if (!changes.transports().isEmpty()) {
            log.info("transports changed={} plugin_dir={}", changes.transports(), pluginDir);
        }
        changes.newProblems().forEach(problem -> log.warn("{}", problem));
        return changes.transports();
    }

    /**
     * Whether a reload must parse the file: its bytes changed, or they hold secret references,
     * which may stand for other secrets now (a rotated key, a new op value, a changed credential).
     */
    private static boolean resolveAgain(ConfigSnapshot running, String sha256) {
        return !sha256.equals(running.sha256()) || running.holdsSecretReferences();
    }

    /** The no-op plan: the file is byte for byte the applied one, so every server is unchanged. */
    private static ReloadPlan nothingChanged(ConfigSnapshot running) {
        return new ReloadPlan(List.of(), List.of(), List.of(), List.of(), List.copyOf(running.fingerprint().servers().keySet()));
    }

    private ConfigSnapshot snapshot(byte[] content, String sha256) throws ConfigException {
        return ConfigSnapshot.parse(parser, secrets.resolverFor(file), file, content, sha256);
    }

    private static ReloadReport report(long id, String trigger, String sha256, long started, ReloadPlan plan,
            Map<String, String> failed, List<ConfigError> errors) {
        return report(id, trigger, sha256, started, plan, failed, errors, List.of());
    }

    private static ReloadReport report(long id, String trigger, String sha256, long started, ReloadPlan plan,
            Map<String, String> failed, List<ConfigError> errors, List<ConfigError> warnings) {
        double durationMs = (System.nanoTime() - started) / 1_000_000.0;
        return new ReloadReport(id, trigger, sha256, durationMs, plan, failed, errors, warnings);
    }

    private static String statusLine(ReloadReport report) {
        if (!report.ok()) {
            return "reload " + report.id() + " failed: config invalid (" + report.errors().get(0)
                    + "); the previous configuration keeps running";
        }
        if (!report.failed().isEmpty()) {
            return "reload " + report.id() + " applied; failed: " + String.join(", ", report.failed().keySet());
        }
        return "reload " + report.id() + " applied";
    }

    /**
     * Stops taking requests (later ones fail with "the daemon is stopping"); a reload that is
     * running is interrupted, its waiters told the daemon is stopping, and this waits until its
     * thread has ended (at most {@link #CLOSE_WAIT}), so that nothing is applied after the close.
     */
    @Override
    public void close() {
        Thread running;
        synchronized (this) {
            closed = true;
            if (next != null) {
                next.completeExceptionally(new CancellationException("the daemon is stopping"));
                next = null;
            }
            notifyAll();
            running = worker;
        }
        if (running != null) {
            ThreadEnd.interruptAndAwait(running, CLOSE_WAIT);
        }
    }
}
