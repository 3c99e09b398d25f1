package dev.zeroclaw.testing;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * How the in-memory servers opened from now on behave: whether {@code start} fails, how they
 * answer {@code initialize}, and which process id they report. Immutable; each {@code with…}
 * returns a changed copy. Set it with {@link InMemoryTransportProvider#behave}.
 */
public final class InMemoryBehaviour {

    /** What the server does with {@code initialize}. */
    enum Initialize { ANSWER, FAIL, HOLD }

    private static final InMemoryBehaviour HEALTHY =
            new InMemoryBehaviour(Optional.empty(), Initialize.ANSWER, "", OptionalLong.empty());

    private final Optional<String> startFailure;
    private final Initialize initialize;
    private final String initializeError;
    private final OptionalLong pid;

    private InMemoryBehaviour(Optional<String> startFailure, Initialize initialize, String initializeError, OptionalLong pid) {
        this.startFailure = startFailure;
        this.initialize = initialize;
        this.initializeError = initializeError;
        this.pid = pid;
    }

    /** Starts, answers every request at once, runs no process. */
    public static InMemoryBehaviour healthy() {
        return HEALTHY;
    }

    /**
     * Reports {@code pid} as its process id, as a transport that runs a process does; the daemon
     * then treats a crash loop of it as one of a local process.
     */
    public InMemoryBehaviour withPid(long pid) {
        if (pid <= 0) {
            throw new IllegalArgumentException("pid must be positive: " + pid);
        }
        return new InMemoryBehaviour(startFailure, initialize, initializeError, OptionalLong.of(pid));
    }

    /** {@code start} throws an {@link java.io.IOException} with {@code message}. */
    public InMemoryBehaviour withFailingStart(String message) {
        requireNonNull(message, "message is null");
        return new InMemoryBehaviour(Optional.of(message), initialize, initializeError, pid);
    }

    /** {@code initialize} is answered with a JSON-RPC error carrying {@code message}. */
    public InMemoryBehaviour withFailingInitialize(String message) {
        requireNonNull(message, "message is null");
        return new InMemoryBehaviour(startFailure, Initialize.FAIL, message, pid);
    }

    /**
     * {@code initialize} is not answered until {@link InMemoryTransport#releaseInitialize()} (a
     * server that hangs while starting, or one a test lets finish at the moment it chooses).
     */
    public InMemoryBehaviour withHeldInitialize() {
        return new InMemoryBehaviour(startFailure, Initialize.HOLD, "", pid);
    }

    Optional<String> startFailure() {
        return startFailure;
    }

    Initialize initialize() {
        return initialize;
    }

    String initializeError() {
        return initializeError;
    }

    OptionalLong pid() {
        return pid;
    }

    @Override
    public String toString() {
        return "InMemoryBehaviour[startFailure=" + startFailure.orElse("none") + ", initialize=" + initialize
                + ", pid=" + (pid.isPresent() ? pid.getAsLong() : "none") + "]";
    }
}
