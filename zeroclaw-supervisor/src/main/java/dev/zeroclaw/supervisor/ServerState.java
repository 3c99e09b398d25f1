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
    /** Being stopped. */
    STOPPING,
    /** Not running, by intent. */
    STOPPED
}
