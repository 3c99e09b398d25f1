package dev.zeroclaw.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.zeroclaw.api.transport.TransportEnd;
import dev.zeroclaw.api.transport.TransportListener;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/** Records what a transport tells its listener, and lets a test wait for it with a deadline. */
class RecordingListener implements TransportListener {

    static final Duration PATIENCE = Duration.ofSeconds(20);

    private final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
    private final List<String> diagnostics = new CopyOnWriteArrayList<>();
    private final CompletableFuture<TransportEnd> end = new CompletableFuture<>();
    private final AtomicInteger closedCalls = new AtomicInteger();
    private final AtomicInteger callsAfterClosed = new AtomicInteger();
    // Diagnostics that had arrived when onClosed was called.
    private volatile int diagnosticsAtEnd = -1;

    @Override
    public void onMessage(String message) {
        if (end.isDone()) {
            callsAfterClosed.incrementAndGet();
        }
        messages.add(message);
    }

    @Override
    public void onDiagnostic(String line) {
        diagnostics.add(line);
    }

    @Override
    public void onClosed(TransportEnd transportEnd) {
        closedCalls.incrementAndGet();
        diagnosticsAtEnd = diagnostics.size();
        end.complete(transportEnd);
    }

    /** The next message, waiting up to {@link #PATIENCE}. */
    String nextMessage() throws InterruptedException {
        String message = messages.poll(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
        if (message == null) {
            fail("no message from the server within " + PATIENCE + "; diagnostics: " + diagnostics);
        }
        return message;
    }

    /** How the transport ended, waiting up to {@link #PATIENCE}. */
    TransportEnd awaitEnd() throws InterruptedException {
        try {
            return end.get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return fail("the transport did not report its end within " + PATIENCE);
        } catch (ExecutionException e) {
            throw new AssertionError(e);
        }
    }

    boolean hasEnded() {
        return end.isDone();
    }

    List<String> messagesLeft() {
        return List.copyOf(messages);
    }

    List<String> diagnostics() {
        return List.copyOf(diagnostics);
    }

    /** Diagnostics delivered before onClosed. */
    List<String> diagnosticsBeforeEnd() {
        assertThat(diagnosticsAtEnd).as("onClosed was called").isGreaterThanOrEqualTo(0);
        return diagnostics().subList(0, diagnosticsAtEnd);
    }

    /** Exactly one onClosed, and no message after it. */
    void assertEndedOnce() {
        assertThat(closedCalls.get()).as("onClosed calls").isEqualTo(1);
        assertThat(callsAfterClosed.get()).as("messages after onClosed").isZero();
    }
}
