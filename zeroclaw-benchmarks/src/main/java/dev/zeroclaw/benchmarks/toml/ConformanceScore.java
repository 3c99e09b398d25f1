package dev.zeroclaw.benchmarks.toml;

import static java.util.Objects.requireNonNull;

import dev.zeroclaw.benchmarks.toml.CaseOutcome.Verdict;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * One library's result on the whole corpus.
 *
 * @param parser the library's {@link CandidateParser#name()}
 * @param outcomes one per case, in corpus order
 */
public record ConformanceScore(String parser, List<CaseOutcome> outcomes) {

    public ConformanceScore {
        requireNonNull(parser, "parser is null");
        outcomes = List.copyOf(outcomes);
    }

    public long validCases() {
        return count(outcome -> outcome.testCase().valid());
    }

    public long invalidCases() {
        return count(outcome -> !outcome.testCase().valid());
    }

    /** Valid cases accepted, whatever the values. */
    public long validAccepted() {
        return count(outcome -> outcome.verdict() == Verdict.CORRECT || outcome.verdict() == Verdict.WRONG_VALUE);
    }

    /** Valid cases accepted with every value as expected. */
    public long validCorrect() {
        return count(outcome -> outcome.verdict() == Verdict.CORRECT);
    }

    /** Invalid cases rejected, by the library or (not UTF-8) before it. */
    public long invalidRejected() {
        return count(outcome -> !outcome.testCase().valid() && outcome.passed());
    }

    public long notUtf8() {
        return count(outcome -> outcome.verdict() == Verdict.NOT_UTF8);
    }

    public long crashed() {
        return count(outcome -> outcome.verdict() == Verdict.CRASHED);
    }

    public long timedOut() {
        return count(outcome -> outcome.verdict() == Verdict.TIMED_OUT);
    }

    public List<CaseOutcome> failures() {
        return outcomes.stream().filter(outcome -> !outcome.passed()).collect(Collectors.toUnmodifiableList());
    }

    /** One line per failing case: {@code name<TAB>VERDICT<TAB>detail}, in corpus order. */
    public void writeFailures(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.write(file, failures().stream()
                .map(f -> f.testCase().name() + "\t" + f.verdict() + "\t" + f.detail())
                .collect(Collectors.toList()));
    }

    private long count(Predicate<CaseOutcome> which) {
        return outcomes.stream().filter(which).count();
    }
}
