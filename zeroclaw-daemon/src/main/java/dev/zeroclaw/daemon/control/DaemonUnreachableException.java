package dev.zeroclaw.daemon.control;

/** No daemon answered on the control socket; the message says where it looked and why. */
public final class DaemonUnreachableException extends Exception {

    public DaemonUnreachableException(String message) {
        super(message, null, false, false);
    }
}
