package dev.zeroclaw.daemon.control;

/**
 * The daemon answered, but every control connection was taken: it did not look at the request,
 * so nothing was done and asking again later is safe.
 */
public final class DaemonBusyException extends Exception {

    public DaemonBusyException(String message) {
        super(message, null, false, false);
    }
}
