package dev.zeroclaw.testing;

import static java.util.Objects.requireNonNull;

import dev.zeroclaw.api.ServerSpec;
import dev.zeroclaw.api.transport.Transport;
import dev.zeroclaw.api.transport.TransportContext;
import dev.zeroclaw.api.transport.TransportEnd;
import dev.zeroclaw.api.transport.TransportListener;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A transport to an in-memory MCP server: no process, no pipe, no framing. A test holds it (see
 * {@link InMemoryTransportProvider#opened()}) to act as the server would: crash, exit, answer a
 * held {@code initialize}; and to see what the daemon did to it: started, closed, how often.
 *
 * <p>The SPI wants listener calls from the transport's own threads, never from the caller of
 * {@link #send}; so the server's answers (and the final {@code onClosed}) run on
 * {@code delivery}, chained one after the other per transport, so that they arrive in the order
 * of sending, like lines read from a stdio server's stdout. The answer to {@code initialize} can
 * be held back by {@code initializeDelay}, standing for a server's start-up time without using
 * a CPU for it.
 */
public final class InMemoryTransport implements Transport {

    private static final Logger log = LoggerFactory.getLogger(InMemoryTransport.class);

    private final ServerSpec spec;
    private final TransportContext context;
    private final InMemoryMcpServer server;
    private final InMemoryBehaviour behaviour;
    private final Executor delivery;
    private final Executor delayedDelivery;

    private final Object lock = new Object();
    // Guarded by lock: set once by start; whether the transport has ended (closed, crashed or
    // exited); calls of close; initialize requests held back; the last delivery queued.
    private TransportListener listener;
    private boolean ended;
    private int closeCalls;
    private final List<String> heldInitialize = new ArrayList<>();
    private CompletableFuture<Void> lastDelivery = CompletableFuture.completedFuture(null);

    InMemoryTransport(ServerSpec spec, TransportContext context, InMemoryMcpServer server, InMemoryBehaviour behaviour,
            Executor delivery, Duration initializeDelay) {
        this.spec = requireNonNull(spec, "spec is null");
        this.context = requireNonNull(context, "context is null");
        this.server = requireNonNull(server, "server is null");
        this.behaviour = requireNonNull(behaviour, "behaviour is null");
        this.delivery = requireNonNull(delivery, "delivery is null");
        requireNonNull(initializeDelay, "initializeDelay is null");
        this.delayedDelivery = initializeDelay.isZero()
                ? delivery
                : CompletableFuture.delayedExecutor(initializeDelay.toNanos(), TimeUnit.NANOSECONDS, delivery);
    }

    @Override
    public void start(TransportListener listener) throws IOException {
        requireNonNull(listener, "listener is null");
        synchronized (lock) {
            if (ended) {
                throw new IOException("not started: the transport was closed before it started");
            }
            if (this.listener != null) {
                throw new IllegalStateException("start may be called only once");
            }
            if (behaviour.startFailure().isPresent()) {
                ended = true;
                throw new IOException(behaviour.startFailure().get());
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
            if (ended) {
                throw new IOException("the in-memory server has ended");
            }
            TransportListener hears = listener;
            // The daemon writes compact JSON; sniffing spares its thread the parse the server does later.
            Runnable answer = () -> server.answer(message).ifPresent(hears::onMessage);
            if (!message.contains("\"method\":\"initialize\"")) {
                deliver(answer, delivery);
                return;
            }
            switch (behaviour.initialize()) {
                case ANSWER -> deliverAfter(server.initializeGate(), answer, delayedDelivery);
                case FAIL -> deliver(() -> hears.onMessage(server.refuse(message, behaviour.initializeError())), delivery);
                case HOLD -> heldInitialize.add(message);
                default -> throw new IllegalStateException("unknown behaviour " + behaviour.initialize());
            }
        }
    }

    @Override
    public OptionalLong pid() {
        return behaviour.pid();
    }

    @Override
    public void close(Duration deadline) {
        synchronized (lock) {
            closeCalls++;
            end(TransportEnd.closed("closed by the daemon"));
        }
    }

    // --- what a test does as the server ------------------------------------------------------

    /** The server writes one line to its stderr: the listener hears it, in order with the messages. No-op once ended. */
    public void say(String line) {
        requireNonNull(line, "line is null");
        synchronized (lock) {
            if (listener != null && !ended) {
                TransportListener hears = listener;
                deliver(() -> hears.onDiagnostic(line), delivery);
            }
        }
    }

    /** The server fails now (a crash): the listener hears {@code onClosed(FAILED, reason)}. No-op once ended. */
    public void crash(String reason) {
        requireNonNull(reason, "reason is null");
        synchronized (lock) {
            end(TransportEnd.failed(reason));
        }
    }

    /** The server ends cleanly now: the listener hears {@code onClosed(ENDED, reason)}. No-op once ended. */
    public void exit(String reason) {
        requireNonNull(reason, "reason is null");
        synchronized (lock) {
            end(TransportEnd.ended(reason));
        }
    }

    /** Answers the {@code initialize} requests held back by {@link InMemoryBehaviour#withHeldInitialize()}. */
    public void releaseInitialize() {
        synchronized (lock) {
            if (ended || listener == null) {
                heldInitialize.clear();
                return;
            }
            TransportListener hears = listener;
            for (String message : heldInitialize) {
                deliver(() -> server.answer(message).ifPresent(hears::onMessage), delivery);
            }
            heldInitialize.clear();
        }
    }

    // --- what a test sees ----------------------------------------------------------------------

    /** The entry this transport was opened for. */
    public ServerSpec spec() {
        return spec;
    }

    /** The server name and instance number the daemon gave. */
    public TransportContext context() {
        return context;
    }

    /** Whether {@code start} succeeded. */
    public boolean started() {
        synchronized (lock) {
            return listener != null;
        }
    }

    /** How many times {@code close} was called. */
    public int closeCalls() {
        synchronized (lock) {
            return closeCalls;
        }
    }

    /** Whether the transport has ended: closed, crashed, exited, or failed to start. */
    public boolean ended() {
        synchronized (lock) {
            return ended;
        }
    }

    /** Whether an {@code initialize} request waits for {@link #releaseInitialize()}. */
    public boolean holdsInitialize() {
        synchronized (lock) {
            return !heldInitialize.isEmpty();
        }
    }

    @Override
    public String toString() {
        return "InMemoryTransport[" + context.serverName() + "#" + context.instance() + "]";
    }

    /** Caller holds the lock. The one end of this transport; a listener hears it once, after every answer queued. */
    private void end(TransportEnd end) {
        if (ended) {
            return;
        }
        ended = true;
        heldInitialize.clear();
        if (listener != null) {
            TransportListener hears = listener;
            deliver(() -> hears.onClosed(end), delivery);
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
            // Rejected: the provider was closed, the test is over and nobody listens any more.
            return null;
        });
    }
}
