package dev.zeroclaw.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/**
 * The MCP server behind an in-memory transport: it answers {@code initialize} with the protocol
 * version the client asked for, {@code tools/list} with a fixed set of tools and {@code ping}, as
 * the fixture server {@code mcp-fixture.js} does; any other request gets "method not found", and
 * notifications get nothing.
 *
 * <p>Stateless and thread-safe: one instance serves every in-memory server.
 */
final class InMemoryMcpServer {

    private static final int METHOD_NOT_FOUND = -32601;
    private static final int PARSE_ERROR = -32700;
    private static final int INTERNAL_ERROR = -32603;

    private final ObjectMapper json;
    private final ObjectNode toolList;

    /** @param tools how many tools {@code tools/list} returns, named {@code tool_0}, {@code tool_1}, … */
    InMemoryMcpServer(ObjectMapper json, int tools) {
        if (tools < 0) {
            throw new IllegalArgumentException("tools must not be negative: " + tools);
        }
        this.json = json;
        this.toolList = json.createObjectNode();
        ArrayNode list = toolList.putArray("tools");
        for (int i = 0; i < tools; i++) {
            list.addObject().put("name", "tool_" + i).putObject("inputSchema").put("type", "object");
        }
    }

    /** The answer to one message from the client, as JSON text; empty for a notification or a response. */
    Optional<String> answer(String message) {
        JsonNode request;
        try {
            request = json.readTree(message);
        } catch (JsonProcessingException e) {
            return Optional.of(error(json.nullNode(), PARSE_ERROR, "not JSON"));
        }
        JsonNode id = request.get("id");
        if (id == null || id.isNull() || !request.has("method")) {
            return Optional.empty();
        }
        String method = request.path("method").asText();
        ObjectNode reply = json.createObjectNode().put("jsonrpc", "2.0");
        reply.set("id", id);
        switch (method) {
            case "initialize" -> {
                ObjectNode result = reply.putObject("result");
                result.put("protocolVersion", request.path("params").path("protocolVersion").asText());
                result.putObject("capabilities").putObject("tools");
                result.putObject("serverInfo").put("name", "zeroclaw-in-memory").put("version", "1");
            }
            case "tools/list" -> reply.set("result", toolList);
            case "ping" -> reply.putObject("result");
            default -> {
                return Optional.of(error(id, METHOD_NOT_FOUND, "no method '" + method + "'"));
            }
        }
        return Optional.of(write(reply));
    }

    /** An error answer to {@code message} (a request) saying {@code reason}: a server that refuses it. */
    String refuse(String message, String reason) {
        JsonNode id;
        try {
            id = json.readTree(message).path("id");
        } catch (JsonProcessingException e) {
            return error(json.nullNode(), PARSE_ERROR, "not JSON");
        }
        return error(id, INTERNAL_ERROR, reason);
    }

    private String error(JsonNode id, int code, String message) {
        ObjectNode reply = json.createObjectNode().put("jsonrpc", "2.0");
        reply.set("id", id);
        reply.putObject("error").put("code", code).put("message", message);
        return write(reply);
    }

    private String write(JsonNode node) {
        try {
            return json.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree that cannot be written", e);
        }
    }
}
