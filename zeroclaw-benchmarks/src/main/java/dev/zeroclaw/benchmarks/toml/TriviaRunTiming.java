package dev.zeroclaw.benchmarks.toml;

import dev.zeroclaw.config.ConfigException;
import dev.zeroclaw.config.TomlSource;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Consumer;
import org.tomlj.Toml;
import org.tomlj.TomlParseOptions;
import org.tomlj.TomlVersion;

/**
 * Parse time against the length of one run of blank or comment lines, for tomlj 2.2.0 alone and for
 * {@link TomlSource} (which folds such runs before tomlj sees them), as ADR 0001 reports it. Not a
 * JMH benchmark: tomlj alone takes minutes from a few thousand lines on, so it is timed only up to
 * the largest run given for it, each figure the median of three parses after one unmeasured parse.
 *
 * <p>Usage: {@code TriviaRunTiming [<largest run for tomlj alone, default 2000>]}.
 */
public final class TriviaRunTiming {

    private static final TomlParseOptions TOML_1_0 = TomlParseOptions.sourceless().withVersion(TomlVersion.V1_0_0);
    private static final int[] RUNS = {500, 1_000, 2_000, 4_000, 20_000, 200_000};

    private TriviaRunTiming() {}

    public static void main(String[] args) {
        int tomljLimit = args.length > 0 ? Integer.parseInt(args[0]) : 2_000;
        System.out.println("| run | line | tomlj alone (ms) | TomlSource (ms) |");
        System.out.println("|---:|---|---:|---:|");
        for (String line : new String[] {"\n", "# a comment line\n"}) {
            for (int run : RUNS) {
                String text = "[mcp]\nenabled = true\n" + line.repeat(run) + "[[mcp.servers]]\nname = \"fs\"\ncommand = \"npx\"\n";
                String alone = run <= tomljLimit ? format(medianMillis(text, t -> Toml.parse(t, TOML_1_0))) : "not run";
                double wrapped = medianMillis(text, TriviaRunTiming::parseWithSource);
                System.out.printf("| %,d | %s | %s | %s |%n", run, line.isBlank() ? "blank" : "comment", alone, format(wrapped));
            }
        }
    }

    private static void parseWithSource(String text) {
        try {
            TomlSource.parse("config.toml", text.getBytes(StandardCharsets.UTF_8));
        } catch (ConfigException e) {
            throw new IllegalStateException("the timed file is invalid: " + e.getMessage(), e);
        }
    }

    private static double medianMillis(String text, Consumer<String> parse) {
        parse.accept(text);
        double[] times = new double[3];
        for (int i = 0; i < times.length; i++) {
            long start = System.nanoTime();
            parse.accept(text);
            times[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(times);
        return times[1];
    }

    private static String format(double millis) {
        return String.format("%,.1f", millis);
    }
}
