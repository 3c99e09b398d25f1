package dev.zeroclaw.gateway.metrics;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * A routed request that ended in an error, as its client heard it: an MCP error (its code and
 * message), or a tool's result flagged {@code isError} (no code; the result's first text). Messages
 * are the gateway's and the server's own, cut to {@link GatewayMetrics#MAX_ERROR_MESSAGE}
 * characters; never a config value.
 *
 * @param tool the tool's own name for {@code tools/call}, else null
 * @param code the MCP error's code; null for a result flagged {@code isError}
 */
public record CallError(Instant time, String method, String tool, Integer code, String message) {

    public CallError {
        requireNonNull(time, "time is null");
        requireNonNull(method, "method is null");
        requireNonNull(message, "message is null");
    }
}
