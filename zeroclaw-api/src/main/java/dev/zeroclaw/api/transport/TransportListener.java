package dev.zeroclaw.api.transport;

/** Receives what a {@link Transport} hears from its server. */
public interface TransportListener {

    /** One received JSON-RPC message, a complete JSON text. */
    void onMessage(String message);

    /**
     * One line of diagnostics from the server (a stdio server's stderr), already bounded in length.
     * The daemon logs it prefixed with the server's name.
     */
    default void onDiagnostic(String line) {}

    /** The transport ended. Called exactly once, after the last {@link #onMessage}. */
    void onClosed(TransportEnd end);
}
