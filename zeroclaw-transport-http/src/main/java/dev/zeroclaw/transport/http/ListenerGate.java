package dev.zeroclaw.transport.http;

import static java.util.Objects.requireNonNull;

import dev.zeroclaw.api.transport.TransportEnd;
import dev.zeroclaw.api.transport.TransportListener;

/**
 * Passes what a transport hears to its listener: one message at a time although several HTTP
 * streams read at once, and exactly one end, after the last message.
 *
 * <p>The listener is called under this gate's own lock, which nothing else takes, so a listener
 * may call back into the transport ({@code send} an answer, {@code close}) from its callback.
 */
final class ListenerGate {

    private static final int MAX_DIAGNOSTIC_CHARS = 8 * 1024;

    private final Object lock = new Object();
    // Guarded by lock.
    private TransportListener listener;
    private boolean ended;

    /** Starts passing events to {@code listener}; before, everything is dropped. */
    void open(TransportListener listener) {
        synchronized (lock) {
            this.listener = requireNonNull(listener, "listener is null");
        }
    }

    /** Passes one message on; false when the transport has ended (or not started). */
    boolean deliver(String message) {
        synchronized (lock) {
            if (listener == null || ended) {
                return false;
            }
            listener.onMessage(message);
            return true;
        }
    }

    /** One line of diagnostics, cut to 8 KiB. */
    void diagnostic(String line) {
        synchronized (lock) {
            if (listener != null && !ended) {
                listener.onDiagnostic(line.length() <= MAX_DIAGNOSTIC_CHARS ? line : line.substring(0, MAX_DIAGNOSTIC_CHARS));
            }
        }
    }

    /**
     * Ends the transport: no message passes afterwards and the listener hears {@code end}, once.
     *
     * @return true when this call ended it
     */
    boolean end(TransportEnd end) {
        requireNonNull(end, "end is null");
        TransportListener told;
        synchronized (lock) {
            if (ended) {
                return false;
            }
            ended = true;
            told = listener;
        }
        if (told != null) {
            told.onClosed(end);
        }
        return true;
    }

    /** Ends the gate without telling the listener: for a transport whose start failed. */
    void abandon() {
        synchronized (lock) {
            ended = true;
        }
    }

    boolean ended() {
        synchronized (lock) {
            return ended;
        }
    }
}
