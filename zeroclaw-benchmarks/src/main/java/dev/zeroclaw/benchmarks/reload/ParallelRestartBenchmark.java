package dev.zeroclaw.benchmarks.reload;

import dev.zeroclaw.benchmarks.SyntheticConfig;
import dev.zeroclaw.config.ConfigException;
import dev.zeroclaw.daemon.reload.ReloadReport;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A reload that restarts {@code restarted} of {@code servers} READY servers, start-first: does
 * the daemon apply restarts in parallel? With perfect parallelism, 10 restarts take as long as
 * one. Target: 10 of 100 in at most 1.5 times the time of one.
 *
 * <p>{@code server=FIXTURE} runs real processes: {@code node mcp-fixture.js --fault none --tools 3}
 * through the real stdio transport. A Node.js process costs tens of milliseconds of CPU to start,
 * so with fewer cores than restarts the ratio measures the cores as much as the daemon.
 * {@code server=MEMORY_SLOW_START} runs in-memory servers that answer {@code initialize} after
 * 100 ms without using a CPU meanwhile: there the ratio is the daemon's parallelism alone.
 *
 * <p>Before each shot (untimed) the config file is rewritten so that the chosen servers (spread
 * over the file) get another {@code env} value and the others stay as they are. One shot is the
 * whole reload: the decision, then every new instance opened (for the fixture: a
 * {@code setsid node} process launched), its {@code initialize} and {@code tools/list} answered,
 * and it taking over; the reload ends when the last one has. The old instances stop after that,
 * in the background; after each shot (untimed) the benchmark waits until every old process has
 * exited, so that a shot never shares the CPU with the previous one's stops.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5)
@Measurement(iterations = 20)
@Fork(value = 1, jvmArgsAppend = "-DZEROCLAW_LOG_LEVEL=WARN")
public class ParallelRestartBenchmark {

    @Param({"FIXTURE", "MEMORY_SLOW_START"})
    public FleetServer server;

    @Param("100")
    public int servers;

    @Param({"1", "10"})
    public int restarted;

    private RunningFleet fleet;
    private List<String> chosen;
    private AlternatingConfig versions;
    private List<Long> oldPids;
    private ReloadReport last;

    @Setup(Level.Trial)
    public void start() throws IOException, ConfigException, InterruptedException {
        if (restarted < 1 || restarted > servers) {
            throw new IllegalArgumentException("restarted must be between 1 and servers: " + restarted);
        }
        fleet = RunningFleet.start(server, servers);
        Set<Integer> numbers = new TreeSet<>();
        for (int i = 0; i < restarted; i++) {
            numbers.add(i * servers / restarted);
        }
        chosen = numbers.stream().map(SyntheticConfig::serverName).toList();
        FleetConfig config = server.config(servers);
        versions = new AlternatingConfig(config.renderRelaunched(numbers), config.render());
    }

    @Setup(Level.Iteration)
    public void rewrite() {
        oldPids = new ArrayList<>();
        for (String name : chosen) {
            fleet.daemon().registry().find(name)
                    .flatMap(supervisor -> supervisor.status().pid().stream().boxed().findFirst())
                    .ifPresent(oldPids::add);
        }
        fleet.write(versions.next());
    }

    @Benchmark
    public ReloadReport restartReload() throws InterruptedException, ExecutionException {
        last = fleet.daemon().reload("bench");
        return last;
    }

    @TearDown(Level.Iteration)
    public void awaitOldInstancesGone() throws InterruptedException, ExecutionException, TimeoutException {
        new ReloadShape(restarted, 0, servers - restarted).require(last);
        fleet.daemon().requireAllReady(servers);
        CompletableFuture<?>[] exits = oldPids.stream()
                .map(pid -> ProcessHandle.of(pid).map(ProcessHandle::onExit).orElse(CompletableFuture.completedFuture(null)))
                .toArray(CompletableFuture<?>[]::new);
        CompletableFuture.allOf(exits).get(1, TimeUnit.MINUTES);
    }

    @TearDown(Level.Trial)
    public void stop() {
        fleet.close();
    }
}
