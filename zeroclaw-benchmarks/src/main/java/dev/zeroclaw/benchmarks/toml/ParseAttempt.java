package dev.zeroclaw.benchmarks.toml;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * How one call of {@link CandidateParser#parse} ended.
 *
 * @param outcome what happened
 * @param document the neutral document when {@code PARSED}, otherwise {@code null}
 * @param detail the library's message, or the unexpected exception, in one line; empty when parsed
 * @param position the {@code line:column} a rejection carried as data, if any
 */
public record ParseAttempt(Outcome outcome, Object document, String detail, Optional<String> position) {

    /** The four ways a parse can end; only the first two are the library behaving. */
    public enum Outcome {
        PARSED,
        REJECTED,
        CRASHED,
        TIMED_OUT
    }

    public ParseAttempt {
        requireNonNull(outcome, "outcome is null");
        requireNonNull(detail, "detail is null");
        requireNonNull(position, "position is null");
        if ((outcome == Outcome.PARSED) != (document != null)) {
            throw new IllegalArgumentException("a document comes with PARSED and only with it");
        }
    }

    static ParseAttempt parsed(Object document) {
        return new ParseAttempt(Outcome.PARSED, document, "", Optional.empty());
    }

    static ParseAttempt rejected(ParseRejected rejection) {
        return new ParseAttempt(Outcome.REJECTED, null, oneLine(rejection.getMessage()), rejection.position());
    }

    static ParseAttempt crashed(Throwable failure) {
        return new ParseAttempt(Outcome.CRASHED, null,
                failure.getClass().getName() + ": " + oneLine(failure.getMessage()), Optional.empty());
    }

    static ParseAttempt timedOut(long seconds) {
        return new ParseAttempt(Outcome.TIMED_OUT, null, "no answer after " + seconds + " s", Optional.empty());
    }

    private static String oneLine(String message) {
        return message == null ? "" : message.strip().replaceAll("\\s*\\R\\s*", " ");
    }
}
