package dev.zeroclaw.benchmarks.reload;

import static java.util.Objects.requireNonNull;

/**
 * Two versions of a config file, handed out in turn: written before each reload, they make every
 * reload find the file changed in the same way (A to B, then B back to A). Not thread-safe; one
 * benchmark thread uses it.
 */
final class AlternatingConfig {

    private final String[] versions;
    private int next;

    /** @param first the version written first; it must differ from what the daemon runs */
    AlternatingConfig(String first, String second) {
        versions = new String[] {requireNonNull(first, "first is null"), requireNonNull(second, "second is null")};
    }

    /** The version to write now; the other one next time. */
    String next() {
        String version = versions[next];
        next = 1 - next;
        return version;
    }
}
