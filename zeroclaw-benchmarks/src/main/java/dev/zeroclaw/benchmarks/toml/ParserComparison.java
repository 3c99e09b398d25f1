package dev.zeroclaw.benchmarks.toml;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The measurements behind ADR 0001 other than speed: toml-test's TOML 1.0 corpus, the
 * {@code headers} placement case, the benchmark's own input, and error positions, for toml4j,
 * tomlj and jackson-dataformat-toml.
 *
 * <p>Usage: {@code ParserComparison <toml-test dir> [<output dir>]}. Prints the tables and writes
 * them to {@code summary.md} and each library's failing cases to {@code <library>-failures.tsv}
 * in the output directory (default {@code target/toml-conformance}).
 */
public final class ParserComparison {

    private static final Duration TIMEOUT_PER_PARSE = Duration.ofSeconds(10);
    private static final int SYNTHETIC_SERVERS = 1000;

    private ParserComparison() {}

    public static void main(String[] args) throws IOException {
        if (args.length < 1 || args.length > 2) {
            System.err.println("usage: ParserComparison <toml-test dir> [<output dir>]");
            System.exit(2);
        }
        Path corpus = Path.of(args[0]);
        Path output = Path.of(args.length > 1 ? args[1] : "target/toml-conformance");
        List<CandidateParser> parsers = List.of(
                new Toml4jCandidate(), TomljCandidate.asDocumented(), TomljCandidate.toml10(), new JacksonTomlCandidate());

        List<ConformanceCase> cases = ConformanceCorpus.toml10(corpus);
        StringBuilder summary = new StringBuilder();
        try (GuardedParser guard = new GuardedParser(TIMEOUT_PER_PARSE)) {
            List<ConformanceScore> scores = new ArrayList<>();
            for (CandidateParser parser : parsers) {
                ConformanceScore score = new ConformanceRun(guard).score(parser, cases);
                score.writeFailures(output.resolve(parser.name() + "-failures.tsv"));
                scores.add(score);
            }
            summary.append("## toml-test, TOML 1.0.0 (").append(corpus.toAbsolutePath().normalize()).append(")\n\n")
                    .append(conformanceTable(scores))
                    .append("\nInvalid rejected counts the ").append(scores.get(0).notUtf8())
                    .append(" files that are not UTF-8: reading them as a String fails before any parser runs.\n")
                    .append("Failing cases, one a line: ").append(output.resolve("<library>-failures.tsv")).append("\n\n")
                    .append("## headers of an [[mcp.servers]] element\n\n")
                    .append(new HeadersPlacementCheck(guard).report(parsers))
                    .append("\n## The benchmark's input\n\n")
                    .append(new SyntheticConfigCheck(guard).report(parsers, SYNTHETIC_SERVERS))
                    .append("\n## Positions\n\n")
                    .append(new PositionReport(guard).report(parsers));
        }
        System.out.print(summary);
        Files.createDirectories(output);
        Files.writeString(output.resolve("summary.md"), summary, StandardCharsets.UTF_8);
    }

    private static String conformanceTable(List<ConformanceScore> scores) {
        TextTable table = new TextTable(List.of("library", "valid accepted", "valid, values correct",
                "invalid rejected", "crashed", "timed out"));
        for (ConformanceScore score : scores) {
            table.add(List.of(score.parser(),
                    fraction(score.validAccepted(), score.validCases()),
                    fraction(score.validCorrect(), score.validCases()),
                    fraction(score.invalidRejected(), score.invalidCases()),
                    Long.toString(score.crashed()),
                    Long.toString(score.timedOut())));
        }
        return table.render();
    }

    private static String fraction(long part, long whole) {
        return String.format(Locale.ROOT, "%d/%d (%.1f%%)", part, whole, whole == 0 ? 0.0 : 100.0 * part / whole);
    }
}
