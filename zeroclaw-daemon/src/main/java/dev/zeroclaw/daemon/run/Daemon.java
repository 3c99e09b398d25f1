package dev.zeroclaw.daemon.run;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zeroclaw.api.ConfigError;
import dev.zeroclaw.api.ServerSpec;
import dev.zeroclaw.config.ConfigException;
import dev.zeroclaw.daemon.config.AppliedConfig;
import dev.zeroclaw.daemon.config.ConfigLoader;
import dev.zeroclaw.daemon.config.ConfigSnapshot;
import dev.zeroclaw.daemon.control.ControlClient;
import dev.zeroclaw.daemon.control.ControlServer;
import dev.zeroclaw.gateway.http.GatewayRefusedException;
import dev.zeroclaw.gateway.http.GatewayServer;
import dev.zeroclaw.plugins.PluginLocation;
import dev.zeroclaw.daemon.report.ErrorList;
import dev.zeroclaw.daemon.report.StatusDocument;
import dev.zeroclaw.supervisor.ChildLedger;
import dev.zeroclaw.supervisor.ServerRegistry;
import dev.zeroclaw.plugins.TransportCatalog;
import dev.zeroclaw.signal.DaemonAlreadyRunningException;
import dev.zeroclaw.signal.DaemonSignal;
import dev.zeroclaw.signal.PidFile;
import dev.zeroclaw.signal.RuntimeDirectory;
import dev.zeroclaw.signal.SdNotify;
import dev.zeroclaw.signal.SignalDispatcher;
import dev.zeroclaw.daemon.reload.ConfigWatcher;
import dev.zeroclaw.daemon.reload.ReloadCoordinator;
import dev.zeroclaw.daemon.report.PlanDocument;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code zeroclaw daemon}: holds the runtime directory, starts every server, answers the control
 * socket, and stops everything on SIGTERM or SIGINT. Runs in the foreground, systemd style.
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
    private final ObjectMapper json;
    private final ScheduledExecutorService timers;
    private final Provider<ReloadCoordinator> reloads;
    private final SdNotify notify;
    private final GatewayServer gateway;
    private final ChildLedger children;
    private final long startedNanos = System.nanoTime();
    // Filled by signal handler threads, drained by the daemon's main thread only.
    private final BlockingQueue<DaemonSignal> signals = new LinkedBlockingQueue<>();

    @Inject
    public Daemon(DaemonOptions options, ConfigLoader loader, AppliedConfig applied, ServerRegistry registry,
            TransportCatalog transports, ObjectMapper json, ScheduledExecutorService timers,
            Provider<ReloadCoordinator> reloads, SdNotify notify, GatewayServer gateway, ChildLedger children) {
        this.options = requireNonNull(options, "options is null");
        this.loader = requireNonNull(loader, "loader is null");
        this.applied = requireNonNull(applied, "applied is null");
        this.registry = requireNonNull(registry, "registry is null");
        this.transports = requireNonNull(transports, "transports is null");
        this.json = requireNonNull(json, "json is null");
        this.timers = requireNonNull(timers, "timers is null");
        this.reloads = requireNonNull(reloads, "reloads is null");
        this.notify = requireNonNull(notify, "notify is null");
        this.gateway = requireNonNull(gateway, "gateway is null");
        this.children = requireNonNull(children, "children is null");
    }

    /** Off the main path, so that the first reload after start is not run by the interpreter. */
    private static void warmUpReloads(ReloadCoordinator coordinator) {
        Thread warm = new Thread(() -> {
            long started = System.nanoTime();
            int rounds = coordinator.warmUp(WARM_UP_ROUNDS, WARM_UP_BUDGET);
            log.debug("reload path warmed: rounds={} ms={}", rounds, (System.nanoTime() - started) / 1_000_000);
        }, "zeroclaw-reload-warm-up");
        warm.setDaemon(true);
        warm.start();
    }

    /** Runs until SIGTERM or SIGINT; returns the exit code. Problems at start are told on {@code err}. */
    public int run(PrintWriter err) throws InterruptedException {
        RuntimeDirectory runtime = RuntimeDirectory.forThisProcess(options.runtimeDirectory());
        ConfigSnapshot snapshot;
        try {
            snapshot = loader.load(options.config());
        } catch (ConfigException e) {
            err.print(ErrorList.render(options.config().toString(), e.errors()));
            err.println("zeroclaw: not started: fix the configuration, check it with 'zeroclaw config check'");
            return NOT_STARTED;
        }
        try (PidFile pidFile = acquire(runtime, err)) {
            if (pidFile == null) {
                return NOT_STARTED;
            }
            try (SignalDispatcher dispatcher = SignalDispatcher.install(signals::offer);
                    ControlServer control = ControlServer.start(runtime.path().resolve(ControlClient.SOCKET_NAME),
                            this::control, json, timers);
                    GatewayServer endpoint = gateway) {
                dispatcher.warnings().forEach(warning -> log.warn("{}", warning));
                // Holding the pid file: no other daemon runs here, so what the record names is a predecessor's.
                int leftovers = children.open(runtime.path());
                if (leftovers > 0) {
                    log.warn("stopped {} server process group(s) a previous daemon left running", leftovers);
                }
                Path pluginDir = PluginLocation.resolve(options.pluginDirectory(), snapshot.config().settings());
                transports.refresh(pluginDir);
                log.info("transports installed={} plugin_dir={}", transports.installed().stream()
                        .map(TransportCatalog.InstalledProvider::name).toList(), pluginDir);
                transports.problems().forEach(problem -> log.warn("{}", problem));
                // The providers' own rules, as a reload checks them for what it starts: here everything starts.
                List<ConfigError> refused = ConfigLoader.providerProblems(transports, snapshot, snapshot.config().runnableServers());
                if (!refused.isEmpty()) {
                    err.print(ErrorList.render(options.config().toString(), refused));
                    err.println("zeroclaw: not started: fix the configuration, check it with 'zeroclaw config check'");
                    return 1;
                }
                applied.replace(snapshot);
                try {
                    endpoint.start(snapshot.config().settings(), System::getenv);
                } catch (GatewayRefusedException e) {
                    err.println("zeroclaw: not started: " + e.getMessage());
                    return NOT_STARTED;
                }
                log.info("daemon pid={} config={} sha256={} servers={} runtime_dir={} auto_reload={}", pidFile.pid(),
                        options.config(), snapshot.sha256(), snapshot.config().runnableServers().size(), runtime.path(),
                        snapshot.config().settings().autoReload());
                try (ReloadCoordinator coordinator = reloads.get();
                        ConfigWatcher watcher = ConfigWatcher.start(options.config(), this::debounce, applied, coordinator, timers)) {
                    awaitFirstStart(registry.startAll(snapshot.config().runnableServers()), snapshot);
                    notify.watchdogInterval().ifPresent(every -> timers.scheduleAtFixedRate(
                            notify::watchdog, 0, every.toMillis(), TimeUnit.MILLISECONDS));
                    notify.ready();
                    endpoint.ready();
                    warmUpReloads(coordinator);
                    notify.status("running " + snapshot.config().runnableServers().size() + " servers");
                    DaemonSignal stop = awaitStop(coordinator);
                    log.info("daemon stopping on {}", stop.signalName());
                    notify.stopping();
                }
                stopAll();
                return STOPPED;
            }
        } catch (IOException e) {
            err.println("zeroclaw: " + e.getMessage());
            return NOT_STARTED;
        }
    }

    private PidFile acquire(RuntimeDirectory runtime, PrintWriter err) throws IOException {
        try {
            runtime.create();
            PidFile pidFile = PidFile.acquire(runtime);
            pidFile.warning().ifPresent(warning -> log.warn("{}", warning));
            return pidFile;
        } catch (DaemonAlreadyRunningException e) {
            err.println("zeroclaw: " + e.getMessage());
            return null;
        }
    }

    private Duration debounce() {
        return Duration.ofMillis(applied.get().config().settings().reloadDebounceMs());
    }

    /**
     * READY=1 tells systemd the service is up: wait until every server has settled (READY, or
     * given up for now), at most the largest startup timeout, or until a signal arrives.
     */
    private void awaitFirstStart(CompletableFuture<Void> started, ConfigSnapshot snapshot) throws InterruptedException {
        int largest = snapshot.config().runnableServers().stream().mapToInt(ServerSpec::startupTimeoutSecs).max().orElse(0);
        long deadline = System.nanoTime() + Duration.ofSeconds(largest).plus(SHUTDOWN_MARGIN).toNanos();
        while (signals.isEmpty() && System.nanoTime() < deadline) {
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

    /** Hands SIGHUP to the reload coordinator (without waiting) until SIGTERM or SIGINT. */
    private DaemonSignal awaitStop(ReloadCoordinator coordinator) throws InterruptedException {
        while (true) {
            DaemonSignal signal = signals.take();
            if (signal == DaemonSignal.TERM || signal == DaemonSignal.INT) {
                return signal;
            }
            coordinator.request("sighup");
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

    private JsonNode control(JsonNode request) {
        String command = request.path("command").asText("");
        if (command.equals("status")) {
            ConfigSnapshot snapshot = applied.get();
            Map<String, Object> document = StatusDocument.of(ProcessHandle.current().pid(), snapshot.file().toString(),
                    snapshot.sha256(), Duration.ofNanos(System.nanoTime() - startedNanos).toMillis(),
                    registry.statuses());
            document.put("gateway", gateway.status());
            return json.valueToTree(document);
        }
        if (command.equals("reload")) {
            return reload(request.path("dry_run").asBoolean(false));
        }
        return json.createObjectNode().put("ok", false).put("error", "unknown command '" + command + "'");
    }

    private JsonNode reload(boolean dryRun) {
        ReloadCoordinator coordinator = reloads.get();
        if (dryRun) {
            Map<String, Object> document = PlanDocument.ofReload(coordinator.dryRun());
            document.remove("id");
            document.remove("duration_ms");
            return json.valueToTree(document);
        }
        try {
            return json.valueToTree(PlanDocument.ofReload(coordinator.request("control").get()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return json.createObjectNode().put("ok", false).put("error", "the daemon is stopping");
        } catch (ExecutionException | CancellationException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            return json.createObjectNode().put("ok", false).put("error", "reload did not complete: " + cause.getMessage());
        }
    }
}
