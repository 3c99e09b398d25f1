package dev.zeroclaw.benchmarks.reload;

import dev.zeroclaw.config.ConfigException;
import dev.zeroclaw.daemon.reload.ReloadReport;
import java.io.IOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
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
 * A reload that finds the file unchanged, inside a running daemon with {@code servers} READY
 * servers (in-memory transport, so no process takes part).
 *
 * <p>One operation is what {@code zeroclaw reload} costs the daemon when nothing changed: a
 * request to the {@link dev.zeroclaw.daemon.reload.ReloadCoordinator}, the hand-over to its
 * thread, reading the file's bytes, their SHA-256 compared with the applied one's, the no-op
 * report (every server listed unchanged) and its log line built, and the hand-back to the caller.
 * Nothing is parsed and no server is touched. Not included: the control socket and the CLI.
 * The daemon's log level is WARN here, so the report's line is built but not written.
 *
 * <p>Target: under 1 ms with 100 servers.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 10, time = 2)
@Fork(value = 1, jvmArgsAppend = "-DZEROCLAW_LOG_LEVEL=WARN")
public class NoOpReloadBenchmark {

    @Param("100")
    public int servers;

    private RunningFleet fleet;

    @Setup(Level.Trial)
    public void start() throws IOException, ConfigException, InterruptedException, ExecutionException {
        fleet = RunningFleet.start(FleetServer.MEMORY, servers);
        ReloadShape.noOp(servers).require(noOpReload());
    }

    @Benchmark
    public ReloadReport noOpReload() throws InterruptedException, ExecutionException {
        return fleet.daemon().reload("bench");
    }

    @TearDown(Level.Trial)
    public void stop() {
        fleet.close();
    }
}
