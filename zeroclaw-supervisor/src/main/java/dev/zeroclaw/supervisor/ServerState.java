package dev.zeroclaw.supervisor;

/** Where a server is in its life. */
public enum ServerState {
    /** Launched or connecting; not yet through {@code initialize} and {@code tools/list}. */
    STARTING,
    /** Answered the handshake; serving. */
    READY,
    /** Ended unexpectedly; waiting before the next start. */
    BACKOFF,
    /** Stays down until its config changes or an operator asks: too many crashes, or restart = never. */
    FAILED,
    /**
     * A remote server behind OAuth whose login is missing or was refused (a revoked refresh token): only a person
     * can help ({@code zeroclaw auth login <server>}), so it waits without backoff; its last error says the command.
     */
    NEEDS_AUTH,
    /** Being stopped. */
    STOPPING,
    /** Not running, by intent. */
    STOPPED
}
