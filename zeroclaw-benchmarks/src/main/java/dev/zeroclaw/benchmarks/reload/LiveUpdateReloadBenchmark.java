package dev.zeroclaw.benchmarks.reload;

import dev.zeroclaw.config.ConfigException;
import dev.zeroclaw.daemon.reload.ReloadReport;
import java.io.IOException;
import java.util.Set;
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
 * The reload decision inside a running daemon with {@code servers} READY servers (in-memory
 * transport, so no process takes part): the file changed, but only in a live setting.
 *
 * <p>Before each operation (untimed) the config file is rewritten with the other of two versions
 * that differ only in one server's {@code tool_timeout_secs}. One operation is a whole reload of
 * that file: the request to the {@link dev.zeroclaw.daemon.reload.ReloadCoordinator} and the
 * hand-over to its thread, reading the bytes and their SHA-256, parsing and validating every
 * server, fingerprinting them (launch hashes), the diff against the running configuration, and
 * applying the plan, which is one live {@code update} and no restart; then the applied config is
 * replaced and the report handed back. Not included: the control socket, the CLI, the file write.
 * The daemon's log level is WARN here, so the report's line is built but not written.
 *
 * <p>Target: under 10 ms with 100 servers.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 10, time = 2)
@Fork(value = 1, jvmArgsAppend = "-DZEROCLAW_LOG_LEVEL=WARN")
public class LiveUpdateReloadBenchmark {

    @Param("100")
    public int servers;

    private RunningFleet fleet;
    private AlternatingConfig versions;
    private ReloadReport last;

    @Setup(Level.Trial)
    public void start() throws IOException, ConfigException, InterruptedException {
        fleet = RunningFleet.start(FleetServer.MEMORY, servers);
        FleetConfig config = FleetServer.MEMORY.config(servers);
        versions = new AlternatingConfig(config.renderRetimed(Set.of(0)), config.render());
    }

    // Per operation, as each reload must find the file changed; a reload takes milliseconds, far
    // more than what JMH's per-invocation fixtures cost.
    @Setup(Level.Invocation)
    public void rewrite() {
        fleet.write(versions.next());
    }

    @Benchmark
    public ReloadReport liveUpdateReload() throws InterruptedException, ExecutionException {
        last = fleet.daemon().reload("bench");
        return last;
    }

    @TearDown(Level.Invocation)
    public void check() {
        new ReloadShape(0, 1, servers - 1).require(last);
    }

    @TearDown(Level.Trial)
    public void stop() {
        fleet.close();
    }
}
