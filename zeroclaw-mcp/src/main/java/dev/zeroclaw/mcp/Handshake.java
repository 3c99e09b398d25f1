package dev.zeroclaw.mcp;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * What a server said while becoming READY.
 *
 * @param protocolVersion the MCP revision both sides speak
 * @param serverName {@code serverInfo.name}, or empty
 * @param serverVersion {@code serverInfo.version}, or empty
 * @param capabilities the server's capabilities object
 * @param tools every tool definition, all pages of {@code tools/list}
 */
public record Handshake(
        String protocolVersion, String serverName, String serverVersion, JsonNode capabilities, List<JsonNode> tools) {

    public Handshake {
        requireNonNull(protocolVersion, "protocolVersion is null");
        requireNonNull(serverName, "serverName is null");
        requireNonNull(serverVersion, "serverVersion is null");
        requireNonNull(capabilities, "capabilities is null");
        tools = List.copyOf(tools);
    }
}
