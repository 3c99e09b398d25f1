package dev.zeroclaw.daemon.run;

import static java.util.Objects.requireNonNull;

import dev.zeroclaw.api.ConfigError;
import dev.zeroclaw.api.DaemonSettings;
import dev.zeroclaw.api.ServerSpec;
import dev.zeroclaw.config.ConfigException;
import dev.zeroclaw.daemon.config.AppliedConfig;
import dev.zeroclaw.daemon.config.ConfigLoader;
import dev.zeroclaw.daemon.config.ConfigSnapshot;
import dev.zeroclaw.daemon.control.ControlServer;
import dev.zeroclaw.daemon.lifecycle.LifeCycleManager;
import dev.zeroclaw.daemon.reload.ConfigWatcher;
import dev.zeroclaw.daemon.reload.ReloadCoordinator;
import dev.zeroclaw.daemon.report.ErrorList;
import dev.zeroclaw.gateway.http.GatewayRefusedException;
import dev.zeroclaw.gateway.http.GatewayServer;
import dev.zeroclaw.gateway.http.GatewayToken;
import dev.zeroclaw.plugins.PluginLocation;
import dev.zeroclaw.plugins.TransportCatalog;
import dev.zeroclaw.process.ProcessIo;
import dev.zeroclaw.process.Subreaper;
import dev.zeroclaw.signal.DaemonAlreadyRunningException;
import dev.zeroclaw.signal.DaemonSignal;
import dev.zeroclaw.signal.GatewayTokenFile;
import dev.zeroclaw.signal.PidFile;
import dev.zeroclaw.signal.RuntimeDirectory;
import dev.zeroclaw.signal.SdNotify;
import dev.zeroclaw.signal.SignalDispatcher;
import dev.zeroclaw.supervisor.ChildLedger;
import dev.zeroclaw.supervisor.ServerRegistry;
import dev.zeroclaw.telemetry.Observability;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code zeroclaw daemon}: holds the runtime directory, starts every server, answers the control
 * socket, and stops everything on SIGTERM or SIGINT. Runs in the foreground, systemd style.
 *
 * <p>{@link #start} is the one place that says in which order the daemon's services start; the
 * {@link LifeCycleManager} stops them in the reverse order: STOPPING=1, the watchdog, the file
 * watcher, the reload coordinator (a running reload is ended first), every server (each with its
 * stop sequence), the gateway, the gateway's token file, the control socket, the signal
 * handlers, the pid file, and last the threads they all used.
 */
public final class Daemon {

    /** {@link #run}'s result when the daemon ran and stopped on SIGTERM or SIGINT. */
    public static final int STOPPED = 0;
    /** {@link #run}'s result when the daemon could not start; {@code err} was told why. */
    public static final int NOT_STARTED = 1;

    /** Beyond the largest stop timeout, what a shutdown may take (reaping, closing sockets). */
    static final Duration SHUTDOWN_MARGIN = Duration.ofSeconds(2);

    private static final Logger log = LoggerFactory.getLogger(Daemon.class);
    /** Enough for the JIT to compile the decision path; bounded so a huge file costs at most this. */
    public static final int WARM_UP_ROUNDS = 300;
    public static final Duration WARM_UP_BUDGET = Duration.ofSeconds(3);

    private final DaemonOptions options;
    private final ConfigLoader loader;
    private final AppliedConfig applied;
    private final ServerRegistry registry;
    private final TransportCatalog transports;
    private final ExecutorService blocking;
    private final ScheduledExecutorService timers;
    private final ReloadCoordinator reloads;
    private final ConfigWatcher watcher;
    private final ControlServer control;
    private final RuntimeDirectory runtime;
    private final SdNotify notify;
    private final GatewayServer gateway;
    private final ChildLedger children;
    private final LifeCycleManager lifecycle;
    private final Observability observability;
    // Filled by signal handler threads, drained by the daemon's main thread only.
    private final BlockingQueue<DaemonSignal> signals = new LinkedBlockingQueue<>();
    private final CompletableFuture<Integer> warmedUp = new CompletableFuture<>();

    @Inject
    public Daemon(DaemonOptions options, ConfigLoader loader, AppliedConfig applied, ServerRegistry registry,
            TransportCatalog transports, ExecutorService blocking, ScheduledExecutorService timers, ReloadCoordinator reloads,
            ConfigWatcher watcher, ControlServer control, RuntimeDirectory runtime, SdNotify notify, GatewayServer gateway,
            ChildLedger children, LifeCycleManager lifecycle, Observability observability) {
        this.observability = requireNonNull(observability, "observability is null");
        this.options = requireNonNull(options, "options is null");
        this.loader = requireNonNull(loader, "loader is null");
        this.applied = requireNonNull(applied, "applied is null");
        this.registry = requireNonNull(registry, "registry is null");
        this.transports = requireNonNull(transports, "transports is null");
        this.blocking = requireNonNull(blocking, "blocking is null");
        this.timers = requireNonNull(timers, "timers is null");
        this.reloads = requireNonNull(reloads, "reloads is null");
        this.watcher = requireNonNull(watcher, "watcher is null");
        this.control = requireNonNull(control, "control is null");
        this.runtime = requireNonNull(runtime, "runtime is null");
        this.notify = requireNonNull(notify, "notify is null");
        this.gateway = requireNonNull(gateway, "gateway is null");
        this.children = requireNonNull(children, "children is null");
        this.lifecycle = requireNonNull(lifecycle, "lifecycle is null");
    }

    /** Runs until SIGTERM or SIGINT; returns the exit code. Problems at start are told on {@code err}. */
    public int run(PrintWriter err) throws InterruptedException {
        int started = start(err);
        if (started != STOPPED) {
            return started;
        }
        DaemonSignal stop = awaitStop();
        log.info("daemon stopping on {}", stop.signalName());
        stop();
        return STOPPED;
    }

    /**
     * Starts every service in order and returns {@link #STOPPED} once the daemon is ready (READY=1
     * sent); or tells {@code err} why it cannot start, stops what had started and returns
     * {@link #NOT_STARTED}.
     */
    public int start(PrintWriter err) throws InterruptedException {
        ConfigSnapshot snapshot;
        try {
            snapshot = loader.load(options.config());
        } catch (ConfigException e) {
            refuse(err, e.errors());
            return NOT_STARTED;
        }
        try {
            startServices(snapshot);
            return STOPPED;
        } catch (ConfigException e) {
            refuse(err, e.errors());
        } catch (DaemonAlreadyRunningException | GatewayRefusedException e) {
            err.println("zeroclaw: " + (e instanceof GatewayRefusedException ? "not started: " : "") + e.getMessage());
        } catch (IOException e) {
            err.println("zeroclaw: " + e.getMessage());
        } catch (InterruptedException | RuntimeException e) {
            // A bug (or an interrupt), not the operator's mistake: undo the start, and let the caller report it.
            stop();
            throw e;
        } catch (Exception e) {
            err.println("zeroclaw: not started: " + e);
            log.error("the daemon could not start", e);
        }
        stop();
        return NOT_STARTED;
    }

    private void refuse(PrintWriter err, List<ConfigError> errors) {
        err.print(ErrorList.render(options.config().toString(), errors));
        err.println("zeroclaw: not started: fix the configuration, check it with 'zeroclaw config check'");
    }

    private void startServices(ConfigSnapshot snapshot) throws Exception {
        // Stopped last: every other service's stop may still need a thread.
        lifecycle.started("threads", () -> {
            blocking.shutdownNow();
            timers.shutdownNow();
        });
        if (options.runs(HostService.RUNTIME_DIRECTORY)) {
            runtime.create();
            PidFile pidFile = PidFile.acquire(runtime);
            pidFile.warning().ifPresent(warning -> log.warn("{}", warning));
            lifecycle.started("pid file", pidFile::close);
            // Orphans below the servers (a setsid grandchild whose parent exited) come back to the
            // daemon instead of init, so that they are stopped and reaped with their server.
            Subreaper.become().ifPresent(problem -> log.warn("{}: a server's process that leaves its session and "
                    + "outlives its parent goes to init; it is still stopped with its server, but init must reap it",
                    problem));
        }
        // Chosen once, here rather than at the first start: the log says which, and why not the event loop.
        log.info("process {}", ProcessIo.chosen());
        if (options.runs(HostService.SIGNALS)) {
            SignalDispatcher dispatcher = SignalDispatcher.install(signals::offer);
            dispatcher.warnings().forEach(warning -> log.warn("{}", warning));
            lifecycle.started("signal handlers", dispatcher::close);
        }
        if (options.runs(HostService.RUNTIME_DIRECTORY)) {
            lifecycle.start("control socket", control::start, control::close);
            // Holding the pid file: no other daemon runs here, so what the record names is a predecessor's.
            int leftovers = children.open(runtime.path());
            if (leftovers > 0) {
                log.warn("stopped {} server process group(s) a previous daemon left running", leftovers);
            }
        }
        Path pluginDir = PluginLocation.resolve(options.pluginDirectory(), snapshot.config().settings());
        transports.refresh(pluginDir);
        log.info("transports installed={} plugin_dir={}", transports.installed().stream()
                .map(TransportCatalog.InstalledProvider::name).toList(), pluginDir);
        transports.problems().forEach(problem -> log.warn("{}", problem));
        // The providers' own rules, as a reload checks them for what it starts: here everything starts.
        List<ConfigError> refused = ConfigLoader.providerProblems(transports, snapshot, snapshot.config().runnableServers());
        if (!refused.isEmpty()) {
            throw new ConfigException(refused);
        }
        ConfigLoader.warnings(transports, snapshot).forEach(warning -> log.warn("config warning: {}", warning));
        applied.replace(snapshot);
        // Before the gateway takes a call and the first reload: both are audited and traced from the start.
        lifecycle.start("observability", () -> observability.open(snapshot.config().settings()), observability::close);
        if (options.runs(HostService.GATEWAY)) {
            startGateway(snapshot.config().settings());
        }
        log.info("daemon pid={} config={} sha256={} servers={} runtime_dir={} auto_reload={}", ProcessHandle.current().pid(),
                options.config(), snapshot.sha256(), snapshot.config().runnableServers().size(),
                options.runs(HostService.RUNTIME_DIRECTORY) ? runtime.path() : "none",
                snapshot.config().settings().autoReload());
        lifecycle.start("servers", () -> awaitFirstStart(registry.startAll(snapshot.config().runnableServers()), snapshot),
                this::stopAll);
        // After the first start, so that a reload asked for meanwhile waits for it instead of racing it.
        lifecycle.start("reload coordinator", reloads::start, reloads::close);
        if (options.runs(HostService.CONFIG_WATCH)) {
            lifecycle.start("config watcher", watcher::start, watcher::close);
        }
        if (notify.watchdogInterval().isPresent()) {
            long every = notify.watchdogInterval().get().toMillis();
            ScheduledFuture<?> watchdog = timers.scheduleAtFixedRate(notify::watchdog, 0, every, TimeUnit.MILLISECONDS);
            lifecycle.started("watchdog", () -> watchdog.cancel(false));
        }
        lifecycle.start("ready", () -> announceReady(snapshot), notify::stopping);
    }

    /**
     * The token first: a generated one is in its file before the gateway listens, so a client that
     * sees the port open finds the token; the file goes when the daemon stops, after the gateway.
     */
    private void startGateway(DaemonSettings settings) throws Exception {
        Optional<GatewayToken> token = GatewayToken.forSettings(settings, System::getenv);
        if (token.isPresent() && token.get().generated()) {
            GatewayTokenFile file = GatewayTokenFile.write(runtime, token.get().value());
            lifecycle.started("gateway token file", file::close);
            log.info("gateway token file={}", file.path());
        } else if (options.runs(HostService.RUNTIME_DIRECTORY)) {
            // A killed predecessor's token would only mislead a client.
            GatewayTokenFile.removeStale(runtime);
        }
        lifecycle.start("gateway", () -> gateway.start(settings, token), gateway::close);
    }

    private void announceReady(ConfigSnapshot snapshot) {
        notify.ready();
        gateway.ready();
        warmUpReloads();
        notify.status("running " + snapshot.config().runnableServers().size() + " servers");
    }

    /** Stops every service that started, the last started first. Safe to call more than once. */
    public void stop() {
        lifecycle.stop();
    }

    /** The rounds of the reload path's warm-up once it has ended (it runs beside the daemon after start). */
    public CompletableFuture<Integer> warmedUp() {
        return warmedUp;
    }

    /** Off the main path, so that the first reload after start is not run by the interpreter. */
    private void warmUpReloads() {
        Thread warm = new Thread(() -> {
            long started = System.nanoTime();
            int rounds = reloads.warmUp(WARM_UP_ROUNDS, WARM_UP_BUDGET);
            log.debug("reload path warmed: rounds={} ms={}", rounds, (System.nanoTime() - started) / 1_000_000);
            warmedUp.complete(rounds);
        }, "zeroclaw-reload-warm-up");
        warm.setDaemon(true);
        warm.start();
    }

    /**
     * READY=1 tells systemd the service is up: wait until every server has settled (READY, or
     * given up for now), at most the largest startup timeout, or until a signal arrives.
     */
    private void awaitFirstStart(CompletableFuture<Void> started, ConfigSnapshot snapshot) throws InterruptedException {
        int largest = snapshot.config().runnableServers().stream().mapToInt(ServerSpec::startupTimeoutSecs).max().orElse(0);
        long deadline = System.nanoTime() + Duration.ofSeconds(largest).plus(SHUTDOWN_MARGIN).toNanos();
        // A SIGHUP does not end the wait: it waits in the queue, and makes one reload once the daemon is ready.
        while (!stopAsked() && System.nanoTime() < deadline) {
            try {
                started.get(100, TimeUnit.MILLISECONDS);
                return;
            } catch (TimeoutException e) {
                // Still starting; look at the signals again.
            } catch (ExecutionException e) {
                log.warn("starting the servers failed: {}", e.getCause().toString());
                return;
            }
        }
    }

    private boolean stopAsked() {
        return signals.stream().anyMatch(Daemon::stops);
    }

    private static boolean stops(DaemonSignal signal) {
        return signal == DaemonSignal.TERM || signal == DaemonSignal.INT;
    }

    /**
     * Hands SIGHUP to the reload coordinator (without waiting) until SIGTERM or SIGINT. HUPs queued together (those of
     * the start-up among them) are one request: one reload that reads the file as it is by then.
     */
    private DaemonSignal awaitStop() throws InterruptedException {
        while (true) {
            DaemonSignal signal = signals.take();
            if (stops(signal)) {
                return signal;
            }
            signals.removeIf(DaemonSignal.HUP::equals);
            reloads.request("sighup");
        }
    }

    /** Stops every server at once, bounded by the largest stop timeout. */
    private void stopAll() throws InterruptedException {
        int largest = applied.get().config().servers().stream().mapToInt(ServerSpec::stopTimeoutSecs).max().orElse(0);
        Duration bound = Duration.ofSeconds(largest).plus(SHUTDOWN_MARGIN);
        try {
            registry.stopAll().get(bound.toMillis(), TimeUnit.MILLISECONDS);
            log.info("daemon stopped: every server stopped");
        } catch (TimeoutException e) {
            log.warn("daemon stopped: some servers did not finish stopping within {} s", bound.toSeconds());
        } catch (ExecutionException e) {
            log.warn("daemon stopped: a stop failed: {}", e.getCause().toString());
        }
    }
}
