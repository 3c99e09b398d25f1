package dev.zeroclaw.daemon.imports;

import java.util.ArrayList;
import java.util.List;

/** The warnings of one import, in order, and how many of them are literal secrets carried over. One thread. */
final class ImportWarnings {

    private final List<String> lines = new ArrayList<>();
    private int literalSecrets;

    void add(String line) {
        lines.add(line);
    }

    /** A value of {@code env} or {@code headers} carried over as it is: {@code what} names it, never its value. */
    void literalSecret(String who, String what) {
        lines.add(who + ": " + what + " carried over as a literal secret");
        literalSecrets++;
    }

    List<String> lines() {
        return List.copyOf(lines);
    }

    int literalSecrets() {
        return literalSecrets;
    }
}
