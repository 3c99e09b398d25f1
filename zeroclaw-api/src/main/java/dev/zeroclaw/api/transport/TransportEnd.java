package dev.zeroclaw.api.transport;

import static java.util.Objects.requireNonNull;

/**
 * Why a transport ended.
 *
 * @param kind who ended it and how
 * @param reason one line for the log and {@code zeroclaw status}, e.g. {@code exited with status 1}
 */
public record TransportEnd(Kind kind, String reason) {

    public TransportEnd {
        requireNonNull(kind, "kind is null");
        requireNonNull(reason, "reason is null");
    }

    /** Who ended the transport. */
    public enum Kind {
        /** {@link Transport#close} was called. */
        CLOSED,
        /** The server ended by itself without an error (a process exited with status 0). */
        ENDED,
        /** The server or the connection failed (a non-zero status, a signal, a broken stream). */
        FAILED
    }

    public static TransportEnd closed(String reason) {
        return new TransportEnd(Kind.CLOSED, reason);
    }

    public static TransportEnd ended(String reason) {
        return new TransportEnd(Kind.ENDED, reason);
    }

    public static TransportEnd failed(String reason) {
        return new TransportEnd(Kind.FAILED, reason);
    }
}
