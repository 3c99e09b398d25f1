package dev.zeroclaw.supervisor;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * How many lines about one server reach the log: a token bucket of {@code lines} lines, refilled at
 * {@code lines} per {@code interval}, so that a server that floods bad output or requests cannot
 * fill the disk (the issue saw 229 MB in 8 s). Lines over the limit are counted, and the next line
 * let through is preceded by one line that says how many were suppressed.
 *
 * <p>Thread-safe: every field is guarded by {@code this}.
 */
public final class LogRateLimit {

    /** Lines per server let through in a burst, and per {@link #INTERVAL}. */
    public static final int LINES = 100;
    public static final Duration INTERVAL = Duration.ofSeconds(10);

    /** {@link #admit}'s answer for a line that is not to be logged. */
    public static final long SUPPRESS = -1;

    private final int lines;
    private final Duration interval;
    private final long nanosPerLine;
    private final LongSupplier nanoClock;

    private long tokens;
    // When tokens were last refilled, on nanoClock.
    private long refilledAt;
    // Lines suppressed since the last one let through.
    private long suppressed;

    /** @param nanoClock a monotonic clock in nanoseconds, as {@link System#nanoTime} */
    public LogRateLimit(int lines, Duration interval, LongSupplier nanoClock) {
        if (lines <= 0) {
            throw new IllegalArgumentException("lines must be positive: " + lines);
        }
        this.interval = requireNonNull(interval, "interval is null");
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("interval must be positive: " + interval);
        }
        this.lines = lines;
        this.nanosPerLine = Math.max(1, interval.toNanos() / lines);
        this.nanoClock = requireNonNull(nanoClock, "nanoClock is null");
        this.tokens = lines;
        this.refilledAt = nanoClock.getAsLong();
    }

    /** {@link #LINES} per {@link #INTERVAL} on the system's monotonic clock. */
    public static LogRateLimit perServer() {
        return new LogRateLimit(LINES, INTERVAL, System::nanoTime);
    }

    /**
     * Whether one more line may be logged now: {@link #SUPPRESS} when not (it is counted); otherwise
     * how many lines were suppressed since the last one let through, which the caller reports first,
     * in one line of its own, when it is not zero.
     */
    public synchronized long admit() {
        refill();
        if (tokens == 0) {
            suppressed++;
            return SUPPRESS;
        }
        tokens--;
        long report = suppressed;
        suppressed = 0;
        return report;
    }

    /**
     * The lines suppressed since the last report, which the caller now reports itself: for the end
     * of a flood, when no further line comes to carry the count.
     */
    public synchronized long takeSuppressed() {
        long report = suppressed;
        suppressed = 0;
        return report;
    }

    /** For the line that reports suppressed lines: {@code more than 100 per 10 s}. */
    public String describe() {
        return "more than " + lines + " per " + interval.toSeconds() + " s";
    }

    private void refill() {
        long now = nanoClock.getAsLong();
        long earned = (now - refilledAt) / nanosPerLine;
        if (earned <= 0) {
            return;
        }
        if (earned >= lines - tokens) {
            tokens = lines;
            refilledAt = now;
        } else {
            tokens += earned;
            refilledAt += earned * nanosPerLine;
        }
    }
}
