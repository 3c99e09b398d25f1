package dev.zeroclaw.gateway.http;

/** The gateway's settings are unsafe or incomplete; the daemon does not start. The message says what to do. */
public final class GatewayRefusedException extends Exception {

    public GatewayRefusedException(String message) {
        super(message, null, false, false);
    }
}
