package dev.zeroclaw.api.transport;

import static java.util.Objects.requireNonNull;

/**
 * What the daemon tells a transport about the instance it serves.
 *
 * @param serverName the server's configured name, for thread names and diagnostics
 * @param instance a number that distinguishes two instances of one server during a start-first
 *     restart
 */
public record TransportContext(String serverName, long instance) {

    public TransportContext {
        requireNonNull(serverName, "serverName is null");
    }
}
