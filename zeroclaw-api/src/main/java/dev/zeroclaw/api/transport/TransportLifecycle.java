package dev.zeroclaw.api.transport;

import static java.util.Objects.requireNonNull;

import java.io.IOException;

/**
 * The life of one {@link Transport}, {@code NEW -> STARTING -> STARTED -> CLOSED}, and the door
 * its listener is called through, so that a transport keeps the SPI's promises without keeping
 * the books itself: {@link Transport#start} once, {@link Transport#close} idempotent and safe
 * before start, every message before the end, and exactly one {@link TransportListener#onClosed}
 * once the start has succeeded.
 *
 * <p>A transport calls {@link #starting} first in {@code start}, then {@link #started} when it
 * can send (or {@link #startFailed} when it cannot), and {@link #close} first in {@code close}.
 * Its threads pass what they hear through {@link #deliver}, {@link #diagnostic} and {@link #end}
 * instead of calling the listener.
 *
 * <p>Thread-safe. Messages reach the listener one at a time, under a lock of this object's own
 * that nothing else takes; diagnostics one at a time under another, so that a log that stalls
 * never holds up a message. {@code onClosed} is called under neither, after the last message and
 * the last diagnostic. A listener may call {@code send} or {@code close} of its transport from
 * its callbacks.
 */
public final class TransportLifecycle {

    /** Where a transport is in its life. */
    public enum State {
        /** Made, not started. */
        NEW,
        /** {@code start} is under way. */
        STARTING,
        /** Started: messages may be sent. */
        STARTED,
        /** Closed, ended, or its start failed. */
        CLOSED
    }

    private final Object stateLock = new Object();
    // Guarded by stateLock.
    private State state = State.NEW;
    // Guarded by stateLock: start() was called (it may have failed since).
    private boolean startCalled;
    // Guarded by stateLock: close() was called while starting or started.
    private boolean closeRequested;

    // Held while a message is passed on; diagnosticLock while a diagnostic is. end() takes both, in
    // this order, so nothing follows onClosed. Neither is ever taken inside stateLock.
    private final Object messageLock = new Object();
    private final Object diagnosticLock = new Object();
    // Written under both locks: set by starting(), never cleared.
    private volatile TransportListener listener;
    // Written under both locks, read without them: the listener heard the end, or never will, the
    // start having failed.
    private volatile boolean ended;

    /**
     * Begins the start: {@code NEW -> STARTING}. From here on what is passed through
     * {@link #deliver}, {@link #diagnostic} and {@link #end} reaches {@code listener}.
     *
     * @throws IllegalStateException when {@code start} was called before
     * @throws IOException when the transport was closed before it started
     */
    public void starting(TransportListener listener) throws IOException {
        requireNonNull(listener, "listener is null");
        synchronized (stateLock) {
            if (startCalled) {
                throw new IllegalStateException("start may be called only once: a transport is started once, "
                        + "and a new one is opened to connect again");
            }
            startCalled = true;
            if (state == State.CLOSED) {
                throw new IOException("not started: the transport was closed before it started");
            }
            state = State.STARTING;
        }
        synchronized (messageLock) {
            synchronized (diagnosticLock) {
                this.listener = listener;
            }
        }
    }

    /**
     * Ends the start: {@code STARTING -> STARTED}.
     *
     * @throws IOException when {@link #close} was called while the transport started; the listener
     *     then hears nothing more, and the caller releases what it opened and throws this on
     */
    public void started() throws IOException {
        synchronized (stateLock) {
            if (state != State.STARTING) {
                throw new IllegalStateException("started() without starting(): the transport is " + state);
            }
            if (ended) {
                // It ended while starting (a process that exited at once): the listener was told.
                state = State.CLOSED;
                return;
            }
            if (!closeRequested) {
                state = State.STARTED;
                return;
            }
        }
        startFailed();
        throw new IOException("not started: the transport was closed while it started");
    }

    /** The start failed: the transport is over, and the listener hears nothing more. Idempotent. */
    public void startFailed() {
        synchronized (stateLock) {
            state = State.CLOSED;
        }
        synchronized (messageLock) {
            synchronized (diagnosticLock) {
                ended = true;
            }
        }
    }

    /**
     * Marks the transport closing; idempotent.
     *
     * @return true for the first call once {@code start} has begun: the caller then does the
     *     closing work (drop the connection, stop the process) and reports the end with
     *     {@link #end}; false before start (the transport is simply closed and will not start) and
     *     for every later call
     */
    public boolean close() {
        synchronized (stateLock) {
            switch (state) {
                case NEW -> {
                    state = State.CLOSED;
                    return false;
                }
                case STARTING, STARTED -> {
                    if (closeRequested) {
                        return false;
                    }
                    closeRequested = true;
                    return true;
                }
                default -> {
                    return false;
                }
            }
        }
    }

    public State state() {
        synchronized (stateLock) {
            return state;
        }
    }

    /** True once {@link #close} was called, the end reported, or the start failed. */
    public boolean isClosing() {
        synchronized (stateLock) {
            if (closeRequested || state == State.CLOSED) {
                return true;
            }
        }
        return hasEnded();
    }

    /** True once the listener heard the end (or never will, the start having failed). */
    public boolean hasEnded() {
        return ended;
    }

    /**
     * Passes one message to the listener, unless the transport has ended.
     *
     * A failure of the listener's is swallowed, so that the transport's reader goes on draining.
     *
     * @return false when it was dropped: not started yet, or ended
     */
    public boolean deliver(String message) {
        requireNonNull(message, "message is null");
        synchronized (messageLock) {
            if (listener == null || ended) {
                return false;
            }
            try {
                listener.onMessage(message);
            } catch (RuntimeException e) {
                // The listener's failure is its own.
            }
            return true;
        }
    }

    /** Passes one line of diagnostics to the listener, unless the transport has ended. */
    public void diagnostic(String line) {
        requireNonNull(line, "line is null");
        synchronized (diagnosticLock) {
            if (listener != null && !ended) {
                try {
                    listener.onDiagnostic(line);
                } catch (RuntimeException e) {
                    // The listener's failure is its own.
                }
            }
        }
    }

    /**
     * Ends the transport: no message passes afterwards, the state becomes {@code CLOSED}, and the
     * listener hears {@code end}, exactly once whoever calls this and however often. The
     * listener's own failure is not this method's: it is swallowed, so that the caller's thread
     * finishes its work.
     *
     * @return true when this call ended the transport
     */
    public boolean end(TransportEnd end) {
        requireNonNull(end, "end is null");
        TransportListener told;
        synchronized (messageLock) {
            synchronized (diagnosticLock) {
                if (ended) {
                    return false;
                }
                ended = true;
                told = listener;
            }
        }
        synchronized (stateLock) {
            if (state == State.STARTED) {
                state = State.CLOSED; // while STARTING, started() settles it
            }
        }
        if (told != null) {
            try {
                told.onClosed(end);
            } catch (RuntimeException e) {
                // The listener's failure is its own; the end has been told.
            }
        }
        return true;
    }
}
