package dev.zeroclaw.daemon.lifecycle;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Ending a service's own thread at its stop: interrupt it, then wait a bounded time for it to end. */
public final class ThreadEnd {

    private static final Logger log = LoggerFactory.getLogger(ThreadEnd.class);

    private ThreadEnd() {}

    /**
     * Interrupts {@code thread} and waits at most {@code wait} for it to end; a thread that is
     * still running then is logged, not waited for. Does nothing for the calling thread itself.
     *
     * @return whether the thread has ended
     */
    public static boolean interruptAndAwait(Thread thread, Duration wait) {
        requireNonNull(thread, "thread is null");
        requireNonNull(wait, "wait is null");
        if (thread == Thread.currentThread()) {
            return false;
        }
        thread.interrupt();
        try {
            thread.join(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            log.warn("thread {} did not end within {} ms of its stop", thread.getName(), wait.toMillis());
            return false;
        }
        return true;
    }
}
