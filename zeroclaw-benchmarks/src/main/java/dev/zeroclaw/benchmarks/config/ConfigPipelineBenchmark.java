package dev.zeroclaw.benchmarks.config;

import dev.zeroclaw.api.McpConfig;
import dev.zeroclaw.benchmarks.SyntheticConfig;
import dev.zeroclaw.config.ConfigException;
import dev.zeroclaw.config.ConfigParser;
import dev.zeroclaw.diff.ConfigDiff;
import dev.zeroclaw.diff.ConfigFingerprint;
import dev.zeroclaw.diff.FileHash;
import dev.zeroclaw.diff.ReloadPlan;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.TreeSet;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * The steps of a reload decision at scale, with 1% of the servers changed (at least one):
 * parse and validate the new file, hash every server, diff against the running configuration,
 * and the whole decision from the file's bytes to the plan.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ConfigPipelineBenchmark {

    @Param({"10", "100", "1000", "10000"})
    public int servers;

    private final ConfigParser parser = new ConfigParser();
    private byte[] nextBytes;
    private McpConfig next;
    private ConfigFingerprint running;
    private ConfigFingerprint nextFingerprint;

    @Setup(Level.Trial)
    public void render() throws ConfigException {
        Set<Integer> changed = new TreeSet<>();
        for (int i = 0; i < Math.max(1, servers / 100); i++) {
            changed.add(i * 100 % servers);
        }
        byte[] runningBytes = SyntheticConfig.render(servers).getBytes(StandardCharsets.UTF_8);
        nextBytes = SyntheticConfig.render(servers, changed).getBytes(StandardCharsets.UTF_8);
        running = ConfigFingerprint.of(parser.parse("running.toml", runningBytes));
        next = parser.parse("next.toml", nextBytes);
        nextFingerprint = ConfigFingerprint.of(next);
        ReloadPlan plan = ConfigDiff.between(running, nextFingerprint);
        if (plan.restart().size() != changed.size() || !plan.added().isEmpty() || !plan.removed().isEmpty()) {
            throw new IllegalStateException("the fixture does not change exactly " + changed.size() + " servers: " + plan);
        }
    }

    /** Parse and validate the new file (tomlj plus zeroclaw's checks). */
    @Benchmark
    public McpConfig parseAndValidate() throws ConfigException {
        return parser.parse("next.toml", nextBytes);
    }

    /** The canonical launch hash of every server. */
    @Benchmark
    public ConfigFingerprint hash() {
        return ConfigFingerprint.of(next);
    }

    /** The plan between two fingerprinted configurations. */
    @Benchmark
    public ReloadPlan diff() {
        return ConfigDiff.between(running, nextFingerprint);
    }

    /** Everything a reload decides from the file's bytes: file hash, parse, validate, hash, diff. */
    @Benchmark
    public ReloadPlan decide() throws ConfigException {
        FileHash.sha256Hex(nextBytes);
        McpConfig config = parser.parse("next.toml", nextBytes);
        return ConfigDiff.between(running, ConfigFingerprint.of(config));
    }
}
