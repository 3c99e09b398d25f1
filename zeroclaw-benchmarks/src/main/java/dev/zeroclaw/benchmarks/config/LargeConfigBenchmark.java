package dev.zeroclaw.benchmarks.config;

import dev.zeroclaw.api.McpConfig;
import dev.zeroclaw.config.ConfigException;
import dev.zeroclaw.config.ConfigParser;
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
 * Parse and validate a config of 64 KiB, 256 KiB and 1 MiB in each {@link ConfigShape}: the time
 * must grow linearly with the size whatever the shape (long blank and comment runs included),
 * which tomlj 2.2.0 alone did not do (2,000 blank lines took 9 s).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class LargeConfigBenchmark {

    @Param({"BLANK_RUN", "COMMENT_RUN", "SERVERS"})
    public ConfigShape shape;

    @Param({"65536", "262144", "1048576"})
    public int bytes;

    private final ConfigParser parser = new ConfigParser();
    private byte[] content;

    @Setup(Level.Trial)
    public void render() throws ConfigException {
        content = shape.render(bytes);
        // A file the parser rejects would time the error path.
        parser.parse("config.toml", content);
    }

    @Benchmark
    public McpConfig parseAndValidate() throws ConfigException {
        return parser.parse("config.toml", content);
    }
}
