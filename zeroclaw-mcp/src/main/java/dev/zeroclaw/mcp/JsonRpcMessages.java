package dev.zeroclaw.mcp;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Builds the JSON-RPC 2.0 answers zeroclaw sends: a result or an error for a request id (null when unknown). */
public final class JsonRpcMessages {

    private final ObjectMapper json;

    public JsonRpcMessages(ObjectMapper json) {
        this.json = requireNonNull(json, "json is null");
    }

    public ObjectNode result(JsonNode id, JsonNode result) {
        ObjectNode reply = json.createObjectNode().put("jsonrpc", "2.0");
        reply.set("id", id);
        reply.set("result", result);
        return reply;
    }

    public ObjectNode error(JsonNode id, int code, String message) {
        ObjectNode reply = json.createObjectNode().put("jsonrpc", "2.0");
        reply.set("id", id);
        reply.putObject("error").put("code", code).put("message", message);
        return reply;
    }

    /** A notification without parameters, such as {@code notifications/tools/list_changed}. */
    public ObjectNode notification(String method) {
        return json.createObjectNode().put("jsonrpc", "2.0").put("method", method);
    }
}
