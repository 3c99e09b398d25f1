package dev.zeroclaw.transport.http;

import static org.assertj.core.api.Assertions.fail;

import dev.zeroclaw.api.transport.TransportEnd;
import dev.zeroclaw.api.transport.TransportListener;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** What a transport told its listener, with waits bounded by a deadline. */
final class Heard implements TransportListener {

    static final Duration PATIENCE = Duration.ofSeconds(20);

    private final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
    private final List<String> diagnostics = new CopyOnWriteArrayList<>();
    private final List<TransportEnd> ends = new CopyOnWriteArrayList<>();
    private final List<Thread> callers = new CopyOnWriteArrayList<>();
    private volatile boolean messageAfterEnd;

    @Override
    public void onMessage(String message) {
        callers.add(Thread.currentThread());
        messageAfterEnd |= !ends.isEmpty();
        messages.add(message);
    }

    @Override
    public void onDiagnostic(String line) {
        callers.add(Thread.currentThread());
        diagnostics.add(line);
    }

    @Override
    public void onClosed(TransportEnd end) {
        callers.add(Thread.currentThread());
        ends.add(end);
    }

    String next() throws InterruptedException {
        String message = messages.poll(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
        if (message == null) {
            fail("no message within " + PATIENCE + "; diagnostics " + diagnostics + ", ends " + ends);
        }
        return message;
    }

    /** The one end, once it came; fails if none came in time or more than one did. */
    TransportEnd end() {
        until("the transport ends", () -> !ends.isEmpty());
        if (ends.size() != 1 || messageAfterEnd) {
            fail("expected exactly one end after the last message: " + ends + ", message after end " + messageAfterEnd);
        }
        return ends.get(0);
    }

    boolean ended() {
        return !ends.isEmpty();
    }

    /** The threads every callback came on. */
    List<Thread> callers() {
        return List.copyOf(callers);
    }

    List<String> diagnostics() {
        return List.copyOf(diagnostics);
    }

    static void until(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                fail("not true within " + PATIENCE + ": " + what);
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted while waiting for: " + what);
            }
        }
    }
}
