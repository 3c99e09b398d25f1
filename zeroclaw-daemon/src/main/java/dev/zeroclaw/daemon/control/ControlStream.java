package dev.zeroclaw.daemon.control;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;

/**
 * A reply that goes on ({@code zeroclaw logs -f}, {@code events -f}): the first document, then one
 * JSON text per line as things happen, until the client closes the connection or the daemon stops.
 * Whatever it buffers for a slow client is bounded (it drops and says how many).
 */
public interface ControlStream extends AutoCloseable {

    /** The next reply to send, waiting at most {@code wait}; null when none came meanwhile. */
    JsonNode next(Duration wait) throws InterruptedException;

    /** The client has gone: stop collecting. */
    @Override
    void close();
}
