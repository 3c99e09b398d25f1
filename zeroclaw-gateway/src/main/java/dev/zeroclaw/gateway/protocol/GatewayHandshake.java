package dev.zeroclaw.gateway.protocol;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.zeroclaw.api.ZeroclawVersion;
import dev.zeroclaw.gateway.routing.ResourceUri;
import dev.zeroclaw.mcp.McpSession;

/** The gateway's side of {@code initialize}: the protocol revision it speaks with a client, and what it offers. */
public final class GatewayHandshake {

    private final ObjectMapper json;

    public GatewayHandshake(ObjectMapper json) {
        this.json = requireNonNull(json, "json is null");
    }

    /** The revision to speak with a client that asked for {@code requested}: the same if known, else the newest. */
    public static String negotiate(String requested) {
        return McpSession.SUPPORTED_VERSIONS.contains(requested) ? requested : McpSession.SUPPORTED_VERSIONS.get(0);
    }

    /** The {@code initialize} result for a session that speaks {@code protocolVersion}. */
    public JsonNode initializeResult(String protocolVersion) {
        ObjectNode result = json.createObjectNode().put("protocolVersion", protocolVersion);
        ObjectNode capabilities = result.putObject("capabilities");
        capabilities.putObject("tools").put("listChanged", true);
        capabilities.putObject("resources").put("subscribe", true).put("listChanged", true);
        capabilities.putObject("prompts").put("listChanged", true);
        capabilities.putObject("completions");
        capabilities.putObject("logging");
        result.putObject("serverInfo").put("name", "zeroclaw").put("version", ZeroclawVersion.current());
        result.put("instructions", "zeroclaw gateway: tools and prompts are named <server>__<name>; resources are "
                + ResourceUri.PREFIX + "<server>/<original uri>.");
        return result;
    }
}
