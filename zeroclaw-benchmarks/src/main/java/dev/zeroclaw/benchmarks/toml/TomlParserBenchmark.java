package dev.zeroclaw.benchmarks.toml;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import dev.zeroclaw.benchmarks.SyntheticConfig;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.tomlj.Toml;
import org.tomlj.TomlParseOptions;
import org.tomlj.TomlParseResult;
import org.tomlj.TomlVersion;

/**
 * Time to parse a config of {@code servers} MCP servers ({@link SyntheticConfig}) into each
 * library's own document, as ADR 0001 reports it. Each library is called the way its
 * documentation shows; no conversion to a common form is timed.
 *
 * <p>{@code tomljConfigLoader} is tomlj as the config module would call it: TOML 1.0 and no
 * source text kept (the daemon never writes the file back; positions survive without it).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Benchmark)
public class TomlParserBenchmark {

    private static final TomlParseOptions CONFIG_LOADER = TomlParseOptions.defaults()
            .withVersion(TomlVersion.V1_0_0)
            .withoutSource();

    @Param("1000")
    public int servers;

    private String toml;
    private TomlMapper mapper;

    @Setup
    public void render() {
        toml = SyntheticConfig.render(servers);
        mapper = new TomlMapper();
        // A benchmark of a library that rejects its input would time its error path.
        if (Toml.parse(toml).hasErrors()) {
            throw new IllegalStateException("tomlj rejects SyntheticConfig.render(" + servers + ")");
        }
    }

    @Benchmark
    public void toml4j(Blackhole sink) {
        sink.consume(new com.moandjiezana.toml.Toml().read(toml));
    }

    @Benchmark
    public void tomlj(Blackhole sink) {
        TomlParseResult result = Toml.parse(toml);
        sink.consume(result.hasErrors());
        sink.consume(result);
    }

    @Benchmark
    public void tomljConfigLoader(Blackhole sink) {
        TomlParseResult result = Toml.parse(toml, CONFIG_LOADER);
        sink.consume(result.hasErrors());
        sink.consume(result);
    }

    @Benchmark
    public void jackson(Blackhole sink) throws JsonProcessingException {
        sink.consume(mapper.readTree(toml));
    }
}
