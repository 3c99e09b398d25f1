package dev.zeroclaw.daemon.connect;

import java.io.IOException;
import java.util.Optional;

/**
 * Where {@link GatewayBridge} finds the gateway's bearer token, asked before each request: a
 * daemon that restarts generates a new token, and the bridge carries its client across restarts.
 */
@FunctionalInterface
public interface BearerTokenSource {

    /** No token: a gateway with {@code auth = "none"}. */
    BearerTokenSource NONE = Optional::empty;

    /**
     * The token to send now, if any.
     *
     * @throws IOException when the token cannot be read; the message says where and what to do
     */
    Optional<String> token() throws IOException;

    /** Always {@code token}: one given on the command line's environment. */
    static BearerTokenSource fixed(Optional<String> token) {
        return () -> token;
    }
}
