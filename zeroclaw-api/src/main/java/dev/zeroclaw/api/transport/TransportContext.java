package dev.zeroclaw.api.transport;

import static java.util.Objects.requireNonNull;

import java.util.Set;

/**
 * What the daemon tells a transport about the instance it serves.
 *
 * @param serverName the server's configured name, for thread names and diagnostics
 * @param instance a number that distinguishes two instances of one server during a start-first
 *     restart
 * @param withheldEnvironment names of the daemon's environment variables a process the transport
 *     launches must not inherit: the daemon's own secrets (the gateway's token) and controls; the
 *     server's own {@code env} may still set them
 * @param authorization the {@code Authorization} header a remote transport sends when the daemon manages it
 *     (OAuth), else {@link RequestAuthorization#NONE}
 */
public record TransportContext(String serverName, long instance, Set<String> withheldEnvironment,
        RequestAuthorization authorization) {

    public TransportContext {
        requireNonNull(serverName, "serverName is null");
        withheldEnvironment = Set.copyOf(requireNonNull(withheldEnvironment, "withheldEnvironment is null"));
        requireNonNull(authorization, "authorization is null");
    }

    /** A context without managed authorization. */
    public TransportContext(String serverName, long instance, Set<String> withheldEnvironment) {
        this(serverName, instance, withheldEnvironment, RequestAuthorization.NONE);
    }

    /** A context that withholds nothing beyond what the transport itself withholds. */
    public TransportContext(String serverName, long instance) {
        this(serverName, instance, Set.of());
    }
}
