package dev.zeroclaw.daemon.embedded;

import static java.util.Objects.requireNonNull;

import com.google.inject.Injector;
import dev.zeroclaw.api.transport.TransportProvider;
import dev.zeroclaw.config.ConfigException;
import dev.zeroclaw.daemon.config.ConfigLoader;
import dev.zeroclaw.daemon.reload.ReloadCoordinator;
import dev.zeroclaw.daemon.reload.ReloadReport;
import dev.zeroclaw.daemon.run.Daemon;
import dev.zeroclaw.daemon.run.DaemonFactory;
import dev.zeroclaw.daemon.run.DaemonOptions;
import dev.zeroclaw.supervisor.ServerRegistry;
import dev.zeroclaw.supervisor.ServerState;
import dev.zeroclaw.supervisor.ServerStatus;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A daemon inside this JVM, for benchmarks and tests: wired by the production modules
 * ({@link DaemonFactory#modules}) with the given transport providers instead of the installed
 * ones, and started by the daemon's own {@link Daemon#start}. It runs no signal handler, pid
 * file, control socket, gateway or file watcher unless {@link DaemonOptions#host} asks for them:
 * callers ask the coordinator for reloads themselves.
 */
public final class EmbeddedDaemon implements AutoCloseable {

    private final Daemon daemon;
    private final ServerRegistry registry;
    private final ReloadCoordinator coordinator;

    private EmbeddedDaemon(Injector injector) {
        this.daemon = injector.getInstance(Daemon.class);
        this.registry = injector.getInstance(ServerRegistry.class);
        this.coordinator = injector.getInstance(ReloadCoordinator.class);
    }

    /** {@link #start(DaemonOptions, List, Duration)} on {@code config}, with no host service. */
    public static EmbeddedDaemon start(Path config, List<TransportProvider> providers, Duration deadline)
            throws ConfigException, InterruptedException {
        return start(new DaemonOptions(config, Optional.empty(), Optional.empty(), Set.of()), providers, deadline);
    }

    /**
     * Loads the config file, starts every server in it and waits until each is READY, as the
     * daemon does at start; then waits for the reload path's warm-up, so that what is measured
     * next does not run beside it.
     *
     * @throws ConfigException when the file is invalid; nothing was started
     * @throws IllegalStateException when a server is not READY within {@code deadline}, naming it
     */
    public static EmbeddedDaemon start(DaemonOptions options, List<TransportProvider> providers, Duration deadline)
            throws ConfigException, InterruptedException {
        requireNonNull(options, "options is null");
        requireNonNull(providers, "providers is null");
        requireNonNull(deadline, "deadline is null");
        Injector injector = DaemonFactory.injector(options, List.of(new EmbeddedOverrides(providers)));
        int servers = injector.getInstance(ConfigLoader.class).load(options.config()).config().runnableServers().size();
        EmbeddedDaemon embedded = new EmbeddedDaemon(injector);
        StringWriter problems = new StringWriter();
        if (embedded.daemon.start(new PrintWriter(problems, true)) != 0) {
            throw new IllegalStateException("the embedded daemon did not start: " + problems.toString().strip());
        }
        try {
            embedded.awaitAllReady(servers, deadline);
            embedded.daemon.warmedUp().get(deadline.toMillis(), TimeUnit.MILLISECONDS);
            return embedded;
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            embedded.close();
            throw new IllegalStateException("the servers did not all start: " + e, e);
        } catch (InterruptedException e) {
            embedded.close();
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

    public ReloadCoordinator coordinator() {
        return coordinator;
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

    /** Until every server is READY; at the deadline, {@link #requireAllReady} says which are not. */
    private void awaitAllReady(int expected, Duration deadline) throws InterruptedException {
        long end = System.nanoTime() + deadline.toNanos();
        while (System.nanoTime() < end) {
            List<ServerStatus> statuses = registry.statuses();
            if (statuses.size() == expected && statuses.stream().allMatch(status -> status.state() == ServerState.READY)) {
                return;
            }
            Thread.sleep(10);
        }
        requireAllReady(expected);
    }

    /** Stops the daemon as SIGTERM does: the reload coordinator, every server (each with its stop sequence), the threads. */
    @Override
    public void close() {
        daemon.stop();
    }
}
