package dev.zeroclaw.daemon.run;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.inject.Binder;
import com.google.inject.Module;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import dev.zeroclaw.api.DaemonSettings;
import dev.zeroclaw.api.ZeroclawVersion;
import dev.zeroclaw.config.ConfigParser;
import dev.zeroclaw.daemon.config.AppliedConfig;
import dev.zeroclaw.daemon.config.SecretEnvironment;
import dev.zeroclaw.daemon.control.ControlClient;
import dev.zeroclaw.daemon.control.ControlCommands;
import dev.zeroclaw.daemon.control.ControlServer;
import dev.zeroclaw.daemon.events.EventLog;
import dev.zeroclaw.daemon.events.FleetRecorder;
import dev.zeroclaw.daemon.events.ServerStarts;
import dev.zeroclaw.daemon.lifecycle.LifeCycleManager;
import dev.zeroclaw.daemon.logs.ServerLogs;
import dev.zeroclaw.daemon.oauth.LoginPickup;
import dev.zeroclaw.daemon.oauth.OAuthAuthorizations;
import dev.zeroclaw.daemon.reload.ConfigWatcher;
import dev.zeroclaw.daemon.reload.ReloadCoordinator;
import dev.zeroclaw.daemon.report.PlanDocument;
import dev.zeroclaw.daemon.state.StatePinStore;
import dev.zeroclaw.daemon.state.StateToolSizes;
import dev.zeroclaw.diff.BundleChanges;
import dev.zeroclaw.diff.ServerChange;
import dev.zeroclaw.gateway.deferred.DeferredTools;
import dev.zeroclaw.gateway.deferred.ToolDefinitionSizes;
import dev.zeroclaw.gateway.http.GatewayServer;
import dev.zeroclaw.gateway.lists.ListChangeNotifier;
import dev.zeroclaw.gateway.metrics.GatewayMetrics;
import dev.zeroclaw.gateway.pins.PinStore;
import dev.zeroclaw.gateway.pins.ToolPins;
import dev.zeroclaw.gateway.relay.ServerRequestRelay;
import dev.zeroclaw.gateway.view.BundleViews;
import dev.zeroclaw.plugins.TransportCatalog;
import dev.zeroclaw.signal.RuntimeDirectory;
import dev.zeroclaw.signal.SdNotify;
import dev.zeroclaw.signal.StateDirectory;
import dev.zeroclaw.supervisor.Backoff;
import dev.zeroclaw.supervisor.ChildLedger;
import dev.zeroclaw.supervisor.ServerRegistry;
import dev.zeroclaw.supervisor.SupervisorContext;
import dev.zeroclaw.telemetry.Observability;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The running daemon: its options, threads, the server registry, the reload path and the control
 * socket. Building these starts nothing; {@link Daemon#start} starts them, in order, through the
 * {@link LifeCycleManager}.
 */
public final class DaemonModule implements Module {

    private final DaemonOptions options;

    public DaemonModule(DaemonOptions options) {
        this.options = requireNonNull(options, "options is null");
    }

    @Override
    public void configure(Binder binder) {
        binder.bind(DaemonOptions.class).toInstance(options);
        binder.bind(Daemon.class).in(Singleton.class);
        binder.bind(AppliedConfig.class).in(Singleton.class);
        binder.bind(LifeCycleManager.class).in(Singleton.class);
        binder.install(new GatewayModule());
        binder.install(new ObservabilityModule());
    }

    @Provides
    @Singleton
    RuntimeDirectory runtimeDirectory() {
        return RuntimeDirectory.forThisProcess(options.runtimeDirectory());
    }

    /** {@code --state-dir}, else the applied config's {@code state_dir}, else the default; resolved at the first pin. */
    @Provides
    @Singleton
    PinStore pinStore(AppliedConfig applied) {
        return new StatePinStore(() -> stateDirectory(applied));
    }

    /** Where the last measured tool-definition sizes are kept, for {@code config check}. */
    @Provides
    @Singleton
    StateToolSizes stateToolSizes(AppliedConfig applied, ObjectMapper json) {
        return new StateToolSizes(() -> stateDirectory(applied), json);
    }

    /** {@code --state-dir}, else the applied config's {@code state_dir}, else the default. */
    private StateDirectory stateDirectory(AppliedConfig applied) {
        return StateDirectory.forThisProcess(options.stateDirectory().or(() -> applied.current()
                .flatMap(snapshot -> snapshot.config().settings().stateDir()).map(Path::of)));
    }

    @Provides
    @Singleton
    ControlCommands controlCommands(AppliedConfig applied, ServerRegistry registry, GatewayServer gateway,
            ReloadCoordinator reloads, ToolPins pins, ToolDefinitionSizes sizes, ServerLogs logs, EventLog events,
            GatewayMetrics metrics, ServerStarts starts, LoginPickup logins, ObjectMapper json) {
        return new ControlCommands(applied, registry, gateway, reloads, pins, sizes, logs, events, metrics, starts, logins, json);
    }

    /** Remote servers behind OAuth: tokens from the state directory, refreshed as they expire. */
    @Provides
    @Singleton
    OAuthAuthorizations oauthAuthorizations(AppliedConfig applied) {
        return new OAuthAuthorizations(() -> stateDirectory(applied), Clock.systemUTC());
    }

    /** {@code zeroclaw auth login|logout} tell the daemon, which uses the new tokens at once. */
    @Provides
    @Singleton
    LoginPickup loginPickup(ServerRegistry registry, OAuthAuthorizations authorizations) {
        return new LoginPickup(registry, authorizations);
    }

    /** Each server's last starts and why ({@code zeroclaw status <server>}). */
    @Provides
    @Singleton
    ServerStarts serverStarts() {
        return new ServerStarts(Clock.systemUTC());
    }

    /** Each server's last stderr lines ({@code zeroclaw logs}). */
    @Provides
    @Singleton
    ServerLogs serverLogs() {
        return new ServerLogs(Clock.systemUTC());
    }

    /** Bound only when the daemon starts it ({@link HostService#RUNTIME_DIRECTORY}). */
    @Provides
    @Singleton
    ControlServer controlServer(RuntimeDirectory runtime, ControlCommands commands, ObjectMapper json,
            ScheduledExecutorService timers) {
        return new ControlServer(runtime.path().resolve(ControlClient.SOCKET_NAME), commands, json, timers);
    }

    /** Watches whether or not {@code auto_reload} is on; the debounce is the applied file's. */
    @Provides
    @Singleton
    ConfigWatcher configWatcher(AppliedConfig applied, ReloadCoordinator reloads, ScheduledExecutorService timers) {
        return new ConfigWatcher(options.config(),
                () -> Duration.ofMillis(applied.get().config().settings().reloadDebounceMs()), applied, reloads, timers);
    }

    /**
     * Launching servers and their stop sequences block; each gets a thread, so none waits for
     * another (a stop waits up to its server's stop timeout). Idle threads go after 5 s, not the
     * cached pool's 60 s: a start holds one only until its process runs (the handshake then goes
     * on in callbacks), and a daemon at rest keeps none.
     */
    @Provides
    @Singleton
    ExecutorService blockingWork() {
        return new ThreadPoolExecutor(0, Integer.MAX_VALUE, 5, TimeUnit.SECONDS, new SynchronousQueue<>(),
                threads("zeroclaw-server-"));
    }

    @Provides
    @Singleton
    ChildLedger childLedger() {
        return new ChildLedger();
    }

    /** Backoff delays, pings and deadlines; its tasks never block. */
    @Provides
    @Singleton
    ScheduledExecutorService timers() {
        ScheduledThreadPoolExecutor timers = new ScheduledThreadPoolExecutor(1, threads("zeroclaw-timer-"));
        timers.setRemoveOnCancelPolicy(true);
        return timers;
    }

    @Provides
    @Singleton
    ServerRegistry serverRegistry(TransportCatalog transports, ObjectMapper json, ExecutorService blocking,
            ScheduledExecutorService timers, AppliedConfig applied, ListChangeNotifier gatewayNotifier, ServerRequestRelay relay,
            ChildLedger children, EventLog events, ServerLogs logs, ServerStarts starts, Observability observability,
            OAuthAuthorizations authorizations) {
        SecureRandom random = new SecureRandom();
        return new ServerRegistry(new SupervisorContext(transports, json, ZeroclawVersion.current(), blocking, timers,
                new Backoff(random::nextDouble),
                () -> Duration.ofSeconds(applied.current()
                        .map(snapshot -> snapshot.config().settings().pingIntervalSecs())
                        .orElse(DaemonSettings.DEFAULT_PING_INTERVAL_SECS)),
                new ObservedStates(new FleetRecorder(gatewayNotifier, events, logs, starts), observability::stateChanged), relay,
                children,
                // The gateway's token opens every server: none of them gets it from the daemon's environment.
                () -> applied.current().flatMap(snapshot -> snapshot.config().settings().gatewayAuthTokenEnv())
                        .map(Set::of).orElse(Set.of()),
                authorizations));
    }

    @Provides
    @Singleton
    SdNotify sdNotify() {
        return SdNotify.fromEnvironment();
    }

    @Provides
    @Singleton
    ReloadCoordinator reloadCoordinator(ConfigParser parser, AppliedConfig applied, ServerRegistry registry, SdNotify notify,
            GatewayMetrics metrics, TransportCatalog transports, SecretEnvironment secrets, GatewayServer gateway,
            BundleViews views, DeferredTools deferred, EventLog events, ServerLogs logs, ServerStarts starts, ObjectMapper json,
            Observability observability) {
        return new ReloadCoordinator(options.config(), parser, applied, registry, notify, transports, options.pluginDirectory(),
                secrets, report -> {
                    metrics.reloaded(report.result(), report.durationMs());
                    // After the new config is applied: the sessions of changed bundles hear their lists changed.
                    BundleChanges bundles = report.plan().bundles();
                    views.reloaded(bundles.removed(), bundles.changed().stream()
                            .collect(Collectors.toMap(ServerChange::name, ServerChange::fields)));
                    events.record("reload", json.createObjectNode().set("report", json.valueToTree(PlanDocument.ofReload(report))));
                    logs.retain(registry.names());
                    starts.reloaded(report.plan(), registry.names());
                }, settings -> {
                    deferred.applied(settings.deferredLoading());
                    return warnings(gateway.relisten(settings), gateway.unapplied(settings), observability.unapplied(settings));
                }, observability);
    }

    /** What a reload's settings could not change: the gateway's and the observability's warnings, joined; empty for none. */
    @SafeVarargs
    private static Optional<String> warnings(Optional<String>... each) {
        List<String> present = Stream.of(each).flatMap(Optional::stream).toList();
        return present.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", present));
    }

    /** Daemon threads named {@code prefix1}, {@code prefix2}, ...; also for the benchmarks' embedded daemon. */
    public static ThreadFactory threads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
