package dev.zeroclaw.api.wire;

import static java.util.Objects.requireNonNull;

import java.io.IOException;

/**
 * A peer broke the framing of a stream: a line or an event longer than the reader's bound, or a
 * line that is not UTF-8. One type, so that every reader reports it the same way and every caller
 * can tell it from a broken connection.
 *
 * <p>The message says what was wrong and never quotes the text, which may hold a tool's arguments.
 * Each reader says whether it can go on after one.
 */
public final class MalformedFrameException extends IOException {

    private static final long serialVersionUID = 1L;

    /** What was wrong with the frame. */
    public enum Problem {
        /** Longer than the reader's bound. */
        TOO_LONG,
        /** Not well-formed UTF-8. */
        NOT_UTF8
    }

    private final Problem problem;

    private MalformedFrameException(Problem problem, String message) {
        super(message);
        this.problem = requireNonNull(problem, "problem is null");
    }

    /**
     * A frame over the bound, e.g. {@code a line is longer than 4 MiB (4194304 bytes)}.
     *
     * @param frame what was too long: {@code a line}, {@code an event}
     * @param limit the bound
     * @param unit what the bound counts: {@code bytes}, {@code characters}
     */
    public static MalformedFrameException tooLong(String frame, long limit, String unit) {
        requireNonNull(frame, "frame is null");
        requireNonNull(unit, "unit is null");
        String size = limit >= 1024 * 1024 && limit % (1024 * 1024) == 0
                ? (limit / (1024 * 1024)) + " MiB (" + limit + " " + unit + ")"
                : limit + " " + unit;
        return new MalformedFrameException(Problem.TOO_LONG, frame + " is longer than " + size);
    }

    /** A frame that is not UTF-8, e.g. {@code a line is not valid UTF-8 (at byte 12)}. */
    public static MalformedFrameException notUtf8(String frame, long offset) {
        requireNonNull(frame, "frame is null");
        return new MalformedFrameException(Problem.NOT_UTF8, frame + " is not valid UTF-8 (at byte " + offset + ")");
    }

    public Problem problem() {
        return problem;
    }
}
