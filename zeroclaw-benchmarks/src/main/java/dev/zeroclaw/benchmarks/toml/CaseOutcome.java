package dev.zeroclaw.benchmarks.toml;

import static java.util.Objects.requireNonNull;

/**
 * What one library did with one conformance case.
 *
 * @param testCase the case
 * @param verdict what happened
 * @param detail why, in one line: the first wrong value, the library's message or its exception
 */
public record CaseOutcome(ConformanceCase testCase, Verdict verdict, String detail) {

    /** What a library can do with a case; which ones pass depends on the case. */
    public enum Verdict {
        /** Valid case accepted, every value as expected. */
        CORRECT,
        /** Valid case accepted, some value wrong, missing or misplaced. */
        WRONG_VALUE,
        /** The library reported the input invalid, in its documented way. */
        REJECTED,
        /** Not UTF-8: reading the file as a String (as the daemon does) fails before any parser runs. */
        NOT_UTF8,
        /** Invalid case accepted. */
        ACCEPTED,
        /** An exception the library does not document for bad input, or an Error. */
        CRASHED,
        /** No answer within the time allowed. */
        TIMED_OUT
    }

    public CaseOutcome {
        requireNonNull(testCase, "testCase is null");
        requireNonNull(verdict, "verdict is null");
        requireNonNull(detail, "detail is null");
    }

    public boolean passed() {
        return testCase.valid()
                ? verdict == Verdict.CORRECT
                : verdict == Verdict.REJECTED || verdict == Verdict.NOT_UTF8;
    }
}
