package dev.zeroclaw.testing;

import static java.util.Objects.requireNonNull;
import static org.assertj.core.api.Assertions.fail;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Waits for a condition with a deadline, instead of sleeping a fixed time: a test is as fast as
 * the code under test and fails with a sentence when the condition never comes.
 */
public final class Eventually {

    /** Generous: the machines that run the tests are shared and slow at times. A passing test never waits it out. */
    public static final Duration PATIENCE = Duration.ofSeconds(20);
    private static final long POLL_MILLIS = 2;

    private Eventually() {}

    /** Fails naming {@code what} unless {@code condition} holds within {@link #PATIENCE}. */
    public static void until(String what, BooleanSupplier condition) {
        until(what, PATIENCE, condition, () -> "");
    }

    /**
     * Fails naming {@code what}, and {@code detail} read at the deadline (the state that was
     * seen), unless {@code condition} holds within {@code deadline}.
     */
    public static void until(String what, Duration deadline, BooleanSupplier condition, Supplier<String> detail) {
        requireNonNull(what, "what is null");
        requireNonNull(deadline, "deadline is null");
        requireNonNull(condition, "condition is null");
        requireNonNull(detail, "detail is null");
        long end = System.nanoTime() + deadline.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - end > 0) {
                fail("not true within " + deadline.toMillis() + " ms: " + what + " " + detail.get());
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted while waiting for: " + what);
            }
        }
    }
}
