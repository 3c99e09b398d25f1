package dev.zeroclaw.supervisor;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Delay before the n-th restart in a crash window: 1 s doubling to 60 s, with ±20% jitter so that
 * servers that crashed together do not restart together.
 */
public final class Backoff {

    static final Duration FIRST = Duration.ofSeconds(1);
    static final Duration MAX = Duration.ofSeconds(60);

    private final DoubleSupplier random;

    /** @param random values in [0, 1) */
    public Backoff(DoubleSupplier random) {
        this.random = random;
    }

    /** @param crashes crashes in the current window, at least 1 */
    public Duration delay(int crashes) {
        long base = FIRST.toMillis() << Math.min(Math.max(crashes - 1, 0), 16);
        long capped = Math.min(base, MAX.toMillis());
        double jitter = 0.8 + 0.4 * random.getAsDouble();
        return Duration.ofMillis(Math.round(capped * jitter));
    }
}
