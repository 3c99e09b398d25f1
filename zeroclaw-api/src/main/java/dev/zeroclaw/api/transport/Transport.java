package dev.zeroclaw.api.transport;

import java.io.IOException;
import java.time.Duration;
import java.util.OptionalLong;

/**
 * One connection to one instance of an MCP server: whole JSON-RPC messages in both directions.
 *
 * <p>Life: {@link #start} once, then {@link #send} from any thread, then {@link #close}. The
 * listener hears every received message in order, then exactly one
 * {@link TransportListener#onClosed}, whether the server went away or {@link #close} was called.
 * Listener calls come from the transport's own threads and must not be made while holding a lock
 * the caller of {@link #send} or {@link #close} might hold.
 */
public interface Transport {

    /**
     * Launches the process or opens the connection, and returns once messages can be sent.
     *
     * @throws IOException with a one-line reason a person can act on (the command was not found,
     *     the connection was refused); the listener is not called in that case
     */
    void start(TransportListener listener) throws IOException;

    /**
     * Sends one JSON-RPC message: one complete UTF-8 JSON text (a request, a notification, a
     * response or a batch), without framing. Thread-safe; messages go out in call order.
     *
     * <p>Must not block for long: the daemon calls it from shared threads (the ping timer, a
     * transport's reader answering the server, the gateway's request threads), so one server that
     * stops reading must not hold them up. Queue the message and return; write it on a thread of the
     * transport's own, and bound the queue: when it is full, throw at once, naming the server and the
     * limit. The request then fails, and a missed ping tells the daemon the server is unhealthy.
     *
     * @throws IOException when the transport has ended, the message cannot be delivered, or the
     *     transport's queue is full (the server is not taking messages)
     */
    void send(String message) throws IOException;

    /**
     * The operating-system process id of the server, for transports that run one: present once
     * {@link #start} has returned, and still after the process ended. The daemon stops a crash
     * loop (too many ends within a window: FAILED) of the instances that report one; one that
     * reports none is a remote server outside its control, retried until it returns.
     */
    default OptionalLong pid() {
        return OptionalLong.empty();
    }

    /**
     * Ends the connection: gracefully first, forcibly once {@code deadline} has passed, so that it
     * returns within about {@code deadline} plus a small constant. Idempotent; safe from any
     * thread; never throws.
     */
    void close(Duration deadline);
}
