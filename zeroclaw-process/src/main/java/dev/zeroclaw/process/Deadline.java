package dev.zeroclaw.process;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A point in time on the monotonic clock, for waits that must end by it however often they are
 * woken.
 *
 * @param nanoTime the {@link System#nanoTime()} value at which it passes
 */
record Deadline(long nanoTime) {

    /** The deadline {@code duration} from now; a negative duration counts as zero. */
    static Deadline after(Duration duration) {
        requireNonNull(duration, "duration is null");
        long nanos = duration.isNegative() ? 0 : saturatedNanos(duration);
        return new Deadline(System.nanoTime() + nanos);
    }

    long remainingNanos() {
        return Math.max(0, nanoTime - System.nanoTime());
    }

    /** Waits for {@code thread} to end; whether it had ended by the deadline. */
    boolean join(Thread thread) throws InterruptedException {
        long millis = TimeUnit.NANOSECONDS.toMillis(remainingNanos());
        if (millis > 0) {
            thread.join(millis);
        }
        return !thread.isAlive();
    }

    /** Waits for {@code process} to exit; whether it had exited (and was reaped) by the deadline. */
    boolean waitFor(Process process) throws InterruptedException {
        return process.waitFor(remainingNanos(), TimeUnit.NANOSECONDS);
    }

    /**
     * Sleeps a little (at most 20 ms), for a loop that polls something it cannot wait for.
     *
     * @return whether time is left afterwards; false once the deadline passed or on an interrupt,
     *     which stays set for the caller
     */
    boolean sleepBriefly() {
        long nanos = Math.min(remainingNanos(), TimeUnit.MILLISECONDS.toNanos(20));
        if (nanos <= 0) {
            return false;
        }
        try {
            TimeUnit.NANOSECONDS.sleep(nanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        return remainingNanos() > 0;
    }

    private static long saturatedNanos(Duration duration) {
        try {
            return duration.toNanos();
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE / 4;
        }
    }
}
