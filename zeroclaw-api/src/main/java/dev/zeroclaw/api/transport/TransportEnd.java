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

    /**
     * Who ended the transport. With {@code restart = "on-failure"} (the default) the daemon
     * restarts a server after {@code FAILED}, not after {@code ENDED}.
     */
    public enum Kind {
        /** {@link Transport#close} was called. */
        CLOSED,
        /**
         * The server ended by itself, as it means to: a process that exited with status 0. A
         * transport reports it only when its protocol can tell a deliberate end from a loss; the
         * built-in remote transports ({@code http}, {@code sse}) never do.
         */
        ENDED,
        /**
         * The server or the connection failed: a non-zero status or a signal; for a remote server
         * a connection that was lost or closed by the server, an event stream that ended, a session
         * the server no longer knows (404).
         */
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
