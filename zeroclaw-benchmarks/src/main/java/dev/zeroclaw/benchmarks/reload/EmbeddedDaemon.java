package dev.zeroclaw.benchmarks.reload;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zeroclaw.api.DaemonSettings;
import dev.zeroclaw.api.transport.TransportProvider;
import dev.zeroclaw.config.ConfigException;
import dev.zeroclaw.config.ConfigParser;
import dev.zeroclaw.daemon.config.AppliedConfig;
import dev.zeroclaw.daemon.config.ConfigLoader;
import dev.zeroclaw.daemon.config.ConfigSnapshot;
import dev.zeroclaw.daemon.reload.ReloadCoordinator;
import dev.zeroclaw.daemon.run.Daemon;
import dev.zeroclaw.daemon.run.DaemonModule;
import dev.zeroclaw.daemon.reload.ReloadReport;
import dev.zeroclaw.api.ZeroclawVersion;
import dev.zeroclaw.supervisor.Backoff;
import dev.zeroclaw.supervisor.ServerRegistry;
import dev.zeroclaw.supervisor.ServerState;
import dev.zeroclaw.supervisor.ServerStatus;
import dev.zeroclaw.supervisor.SupervisorContext;
import dev.zeroclaw.plugins.TransportCatalog;
import dev.zeroclaw.signal.SdNotify;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The daemon's reload machinery inside a benchmark: a real {@link ServerRegistry},
 * {@link ReloadCoordinator} and {@link AppliedConfig}, wired as {@code DaemonModule} and
 * {@code ConfigModule} wire them (a cached pool for blocking work, one timer thread, jittered
 * backoff, the ping interval read from the applied config), with the given transport providers
 * instead of the installed ones. No Guice, signals, control socket, pid file or file watcher:
 * the benchmark asks the coordinator for reloads itself.
 */
public final class EmbeddedDaemon implements AutoCloseable {

    private final ExecutorService blocking = Executors.newCachedThreadPool(DaemonModule.threads("zeroclaw-server-"));
    private final ScheduledThreadPoolExecutor timers = new ScheduledThreadPoolExecutor(1, DaemonModule.threads("zeroclaw-timer-"));
    private final AppliedConfig applied = new AppliedConfig();
    private final ConfigParser parser;
    private final TransportCatalog transports;
    private final ServerRegistry registry;
    private final ReloadCoordinator coordinator;

    private EmbeddedDaemon(Path config, List<TransportProvider> providers) {
        transports = TransportCatalog.of(providers);
        Set<String> names = new TreeSet<>(ConfigParser.BUILT_IN_TRANSPORTS);
        transports.installed().forEach(provider -> names.add(provider.name()));
        parser = new ConfigParser(names);
        timers.setRemoveOnCancelPolicy(true);
        SecureRandom random = new SecureRandom();
        registry = new ServerRegistry(new SupervisorContext(transports, new ObjectMapper(), ZeroclawVersion.current(),
                blocking, timers, new Backoff(random::nextDouble),
                () -> Duration.ofSeconds(applied.current()
                        .map(snapshot -> snapshot.config().settings().pingIntervalSecs())
                        .orElse(DaemonSettings.DEFAULT_PING_INTERVAL_SECS)),
                (status, previous) -> {}, SupervisorContext.ServerRequests.REFUSE));
        coordinator = new ReloadCoordinator(config, parser, applied, registry, SdNotify.disabled(), transports,
                java.util.Optional.empty());
    }

    /**
     * Loads {@code config}, starts every server in it and waits until each is READY, as the daemon
     * does at start.
     *
     * @throws IllegalStateException when a server is not READY within {@code deadline}, naming it
     */
    public static EmbeddedDaemon start(Path config, List<TransportProvider> providers, Duration deadline)
            throws ConfigException, InterruptedException {
        requireNonNull(config, "config is null");
        requireNonNull(providers, "providers is null");
        requireNonNull(deadline, "deadline is null");
        EmbeddedDaemon daemon = new EmbeddedDaemon(config, providers);
        try {
            ConfigSnapshot snapshot = new ConfigLoader(daemon.parser, daemon.transports).load(config);
            daemon.applied.replace(snapshot);
            daemon.registry.startAll(snapshot.config().runnableServers()).get(deadline.toMillis(), TimeUnit.MILLISECONDS);
            daemon.requireAllReady(snapshot.config().runnableServers().size());
            // As the daemon does once its servers are READY (there on a thread of its own).
            daemon.coordinator.warmUp(Daemon.WARM_UP_ROUNDS, Daemon.WARM_UP_BUDGET);
            return daemon;
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            daemon.close();
            throw new IllegalStateException("the servers did not all start: " + e, e);
        } catch (ConfigException | InterruptedException e) {
            daemon.close();
            throw e;
        }
    }

    /**
     * One reload as {@code zeroclaw reload} asks for it: a request to the coordinator, then the
     * wait for its report (read the file, and unless its hash is the applied one: parse, validate,
     * fingerprint, diff, apply).
     */
    public ReloadReport reload(String trigger) throws InterruptedException, ExecutionException {
        return coordinator.request(trigger).get();
    }

    public ServerRegistry registry() {
        return registry;
    }

    /** @throws IllegalStateException unless exactly {@code expected} servers are READY, naming those that are not */
    public void requireAllReady(int expected) {
        List<ServerStatus> statuses = registry.statuses();
        List<String> notReady = statuses.stream()
                .filter(status -> status.state() != ServerState.READY)
                .map(status -> status.name() + " " + status.state() + " (" + status.lastError() + ")")
                .toList();
        if (statuses.size() != expected || !notReady.isEmpty()) {
            throw new IllegalStateException(statuses.size() + " servers of " + expected + " expected; not READY: " + notReady);
        }
    }

    /** Stops the coordinator and every server (each with its stop sequence), then the threads. */
    @Override
    public void close() {
        coordinator.close();
        try {
            registry.stopAll().get(1, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the servers did not all stop within a minute: " + e, e);
        } finally {
            blocking.shutdownNow();
            timers.shutdownNow();
        }
    }
}
