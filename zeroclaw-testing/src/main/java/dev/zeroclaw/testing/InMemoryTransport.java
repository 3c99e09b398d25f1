package dev.zeroclaw.testing;

import static java.util.Objects.requireNonNull;

import dev.zeroclaw.api.transport.Transport;
import dev.zeroclaw.api.transport.TransportEnd;
import dev.zeroclaw.api.transport.TransportListener;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A transport to an {@link InMemoryMcpServer}: no process, no pipe, no framing.
 *
 * <p>The SPI wants listener calls from the transport's own threads, never from the caller of
 * {@link #send}; so the server's answers (and the final {@code onClosed}) run on
 * {@code delivery}, chained one after the other per transport, so that they arrive in the order
 * of sending, like lines read from a stdio server's stdout. The answer to {@code initialize} can
 * be held back by {@code initializeDelay}, standing for a server's start-up time without using
 * a CPU for it.
 */
final class InMemoryTransport implements Transport {

    private static final Logger log = LoggerFactory.getLogger(InMemoryTransport.class);

    private final InMemoryMcpServer server;
    private final Executor delivery;
    private final Executor delayedDelivery;

    private final Object lock = new Object();
    // Guarded by lock: set once by start; whether close has been called; the last delivery queued.
    private TransportListener listener;
    private boolean closed;
    private CompletableFuture<Void> lastDelivery = CompletableFuture.completedFuture(null);

    InMemoryTransport(InMemoryMcpServer server, Executor delivery, Duration initializeDelay) {
        this.server = requireNonNull(server, "server is null");
        this.delivery = requireNonNull(delivery, "delivery is null");
        this.delayedDelivery = initializeDelay.isZero()
                ? delivery
                : CompletableFuture.delayedExecutor(initializeDelay.toNanos(), TimeUnit.NANOSECONDS, delivery);
    }

    @Override
    public void start(TransportListener listener) throws IOException {
        requireNonNull(listener, "listener is null");
        synchronized (lock) {
            if (closed) {
                throw new IOException("not started: the transport was closed before it started");
            }
            if (this.listener != null) {
                throw new IllegalStateException("start may be called only once");
            }
            this.listener = listener;
        }
    }

    @Override
    public void send(String message) throws IOException {
        requireNonNull(message, "message is null");
        synchronized (lock) {
            if (listener == null) {
                throw new IOException("the in-memory transport has not started");
            }
            if (closed) {
                throw new IOException("the in-memory server has ended");
            }
            TransportListener hears = listener;
            // The daemon writes compact JSON; sniffing spares its thread the parse the server does later.
            boolean initialize = message.contains("\"method\":\"initialize\"");
            Runnable answer = () -> server.answer(message).ifPresent(hears::onMessage);
            if (initialize) {
                deliverAfter(server.initializeGate(), answer, delayedDelivery);
            } else {
                deliver(answer, delivery);
            }
        }
    }

    @Override
    public void close(Duration deadline) {
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            if (listener != null) {
                TransportListener hears = listener;
                deliver(() -> hears.onClosed(TransportEnd.closed("closed by the daemon")), delivery);
            }
        }
    }

    /** Caller holds the lock. Queues {@code call} after every delivery queued before it. */
    private void deliver(Runnable call, Executor executor) {
        deliverAfter(lastDelivery, call, executor);
    }

    /** Caller holds the lock. Queues {@code call} after every delivery queued before it and after {@code gate}. */
    private void deliverAfter(CompletionStage<?> gate, Runnable call, Executor executor) {
        lastDelivery = lastDelivery.runAfterBoth(gate, () -> {}).thenRunAsync(call, executor).exceptionally(failure -> {
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
            if (!(cause instanceof RejectedExecutionException)) {
                // A listener that throws is a bug of the daemon's; the next deliveries still go out.
                log.warn("an in-memory transport's listener failed", cause);
            }
            // Rejected: the provider was closed, the benchmark is over and nobody listens any more.
            return null;
        });
    }
}
