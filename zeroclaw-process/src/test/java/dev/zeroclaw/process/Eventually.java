package dev.zeroclaw.process;

import static org.assertj.core.api.Assertions.fail;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Waits for a condition with a generous deadline: the machine is shared and slow at times. */
final class Eventually {

    static final Duration PATIENCE = Duration.ofSeconds(20);
    private static final long POLL_MILLIS = 20;

    private Eventually() {}

    static void until(String what, BooleanSupplier condition) {
        until(what, condition, () -> "");
    }

    /** Fails with {@code what} and {@code detail} if {@code condition} is not true within {@link #PATIENCE}. */
    static void until(String what, BooleanSupplier condition, Supplier<String> detail) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                fail("not true within " + PATIENCE + ": " + what + " " + detail.get());
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
