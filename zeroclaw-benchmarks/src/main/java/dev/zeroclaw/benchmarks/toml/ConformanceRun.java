package dev.zeroclaw.benchmarks.toml;

import static java.util.Objects.requireNonNull;

import dev.zeroclaw.benchmarks.toml.CaseOutcome.Verdict;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Puts every case of the corpus through one library and scores what it did. */
public final class ConformanceRun {

    private final GuardedParser guard;

    public ConformanceRun(GuardedParser guard) {
        this.guard = requireNonNull(guard, "guard is null");
    }

    public ConformanceScore score(CandidateParser parser, List<ConformanceCase> cases) {
        requireNonNull(parser, "parser is null");
        List<CaseOutcome> outcomes = new ArrayList<>(cases.size());
        for (ConformanceCase testCase : cases) {
            outcomes.add(outcome(parser, testCase));
        }
        return new ConformanceScore(parser.name(), outcomes);
    }

    private CaseOutcome outcome(CandidateParser parser, ConformanceCase testCase) {
        Optional<String> text = strictUtf8(testCase);
        if (text.isEmpty()) {
            return new CaseOutcome(testCase, Verdict.NOT_UTF8, "not UTF-8; rejected before parsing");
        }
        ParseAttempt attempt = guard.parse(parser, text.get());
        switch (attempt.outcome()) {
            case REJECTED:
                return new CaseOutcome(testCase, Verdict.REJECTED, attempt.detail());
            case CRASHED:
                return new CaseOutcome(testCase, Verdict.CRASHED, attempt.detail());
            case TIMED_OUT:
                return new CaseOutcome(testCase, Verdict.TIMED_OUT, attempt.detail());
            case PARSED:
                if (!testCase.valid()) {
                    return new CaseOutcome(testCase, Verdict.ACCEPTED, "accepted");
                }
                return DocumentDifference.between(expectation(testCase), attempt.document())
                        .map(difference -> new CaseOutcome(testCase, Verdict.WRONG_VALUE, difference))
                        .orElseGet(() -> new CaseOutcome(testCase, Verdict.CORRECT, ""));
            default:
                throw new IllegalStateException("unknown outcome " + attempt.outcome());
        }
    }

    // Files.readString decodes this strictly too; the daemon reads its config that way.
    private static Optional<String> strictUtf8(ConformanceCase testCase) {
        try {
            byte[] bytes = Files.readAllBytes(testCase.file());
            return Optional.of(StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + testCase.file(), e);
        }
    }

    private static Object expectation(ConformanceCase testCase) {
        try {
            return TaggedJson.read(testCase.expectation());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the expectation of " + testCase.name(), e);
        }
    }
}
