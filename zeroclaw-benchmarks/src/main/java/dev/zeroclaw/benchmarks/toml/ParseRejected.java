package dev.zeroclaw.benchmarks.toml;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * A library said, in its documented way, that its input is not valid TOML.
 *
 * <p>{@link #position()} is the {@code line:column} the library reports as data (not inside its
 * message text); empty when it reports none, which is itself one of the ADR's findings.
 */
public final class ParseRejected extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient Optional<String> position;

    public ParseRejected(String message, Optional<String> position) {
        super(requireNonNull(message, "message is null"), null, false, false);
        this.position = requireNonNull(position, "position is null");
    }

    public Optional<String> position() {
        return position;
    }
}
