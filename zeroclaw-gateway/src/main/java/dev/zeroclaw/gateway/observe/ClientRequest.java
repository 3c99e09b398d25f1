package dev.zeroclaw.gateway.observe;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * A client's request as the gateway received it.
 *
 * @param sessionId the client's {@code Mcp-Session-Id}
 * @param clientName its {@code clientInfo.name} (cut, see {@code GatewaySession})
 * @param clientVersion its {@code clientInfo.version}, empty when it sent none
 * @param protocolVersion the MCP revision of the session
 * @param method the JSON-RPC method
 * @param params the client's params, as sent: read them, never change them
 * @param requestId the JSON-RPC id
 * @param bundle the alias of the bundle whose view the session has; empty for the whole gateway
 */
public record ClientRequest(String sessionId, String clientName, String clientVersion, String protocolVersion,
        String method, JsonNode params, JsonNode requestId, Optional<String> bundle) {

    public ClientRequest {
        requireNonNull(sessionId, "sessionId is null");
        requireNonNull(clientName, "clientName is null");
        requireNonNull(clientVersion, "clientVersion is null");
        requireNonNull(protocolVersion, "protocolVersion is null");
        requireNonNull(method, "method is null");
        requireNonNull(params, "params is null");
        requireNonNull(requestId, "requestId is null");
        requireNonNull(bundle, "bundle is null");
    }
}
