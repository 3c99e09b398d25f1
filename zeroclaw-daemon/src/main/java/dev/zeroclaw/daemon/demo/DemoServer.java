package dev.zeroclaw.daemon.demo;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.zeroclaw.mcp.JsonRpcMessages;
import dev.zeroclaw.mcp.McpSession;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;

/**
 * A small but real MCP server over stdio, so the example configuration runs with Java alone.
 * Tools: {@code clock} offers {@code get_time}, {@code echo} offers {@code echo}. Newline-delimited
 * JSON-RPC on stdin/stdout; exits when stdin ends, as the MCP spec asks.
 */
public final class DemoServer {

    private final String name;
    private final List<String> toolSets;
    private final int pageSize;
    private final ObjectMapper json;
    private final PrintStream out;
    private final PrintStream log;

    public DemoServer(String name, List<String> toolSets, int pageSize, ObjectMapper json, PrintStream out, PrintStream log) {
        this.name = requireNonNull(name, "name is null");
        this.toolSets = List.copyOf(toolSets);
        this.pageSize = pageSize;
        this.json = requireNonNull(json, "json is null");
        this.out = requireNonNull(out, "out is null");
        this.log = requireNonNull(log, "log is null");
    }

    /** Serves until {@code in} ends. */
    public void serve(BufferedReader in) throws IOException {
        log.println(name + ": serving tools " + String.join(",", toolSets) + " on stdio");
        String line;
        while ((line = in.readLine()) != null) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode message;
            try {
                message = json.readTree(line);
            } catch (JsonProcessingException e) {
                reply(error(null, -32700, "parse error"));
                continue;
            }
            JsonNode id = message.get("id");
            String method = message.path("method").asText("");
            if (id == null || method.isEmpty()) {
                continue; // a notification, or an answer to a request this server never makes
            }
            reply(handle(id, method, message.path("params")));
        }
        log.println(name + ": stdin closed, exiting");
    }

    private ObjectNode handle(JsonNode id, String method, JsonNode params) {
        switch (method) {
            case "initialize" -> {
                String asked = params.path("protocolVersion").asText("");
                ObjectNode result = json.createObjectNode();
                result.put("protocolVersion", McpSession.SUPPORTED_VERSIONS.contains(asked)
                        ? asked : McpSession.SUPPORTED_VERSIONS.get(0));
                result.putObject("capabilities").putObject("tools");
                result.putObject("serverInfo").put("name", "zeroclaw-demo-" + name).put("version", "1");
                return ok(id, result);
            }
            case "ping" -> {
                return ok(id, json.createObjectNode());
            }
            case "tools/list" -> {
                return ok(id, toolsPage(params.path("cursor").asText("")));
            }
            case "tools/call" -> {
                return call(id, params.path("name").asText(""), params.path("arguments"));
            }
            default -> {
                return error(id, -32601, "method not found: " + method);
            }
        }
    }

    private ObjectNode toolsPage(String cursor) {
        ArrayNode all = json.createArrayNode();
        if (toolSets.contains("clock")) {
            ObjectNode tool = all.addObject().put("name", "get_time")
                    .put("description", "The current time, ISO-8601, in an optional IANA time zone");
            ObjectNode schema = tool.putObject("inputSchema").put("type", "object");
            schema.putObject("properties").putObject("zone").put("type", "string");
        }
        if (toolSets.contains("echo")) {
            ObjectNode tool = all.addObject().put("name", "echo").put("description", "Returns its message");
            ObjectNode schema = tool.putObject("inputSchema").put("type", "object");
            schema.putObject("properties").putObject("message").put("type", "string");
            schema.putArray("required").add("message");
        }
        int from = cursor.isEmpty() ? 0 : Integer.parseInt(cursor);
        int to = Math.min(all.size(), from + pageSize);
        ObjectNode result = json.createObjectNode();
        ArrayNode page = result.putArray("tools");
        for (int i = from; i < to; i++) {
            page.add(all.get(i));
        }
        if (to < all.size()) {
            result.put("nextCursor", Integer.toString(to));
        }
        return result;
    }

    private ObjectNode call(JsonNode id, String tool, JsonNode arguments) {
        String text;
        if (tool.equals("get_time") && toolSets.contains("clock")) {
            String zone = arguments.path("zone").asText("UTC");
            try {
                text = ZonedDateTime.now(ZoneId.of(zone)).toString();
            } catch (RuntimeException e) {
                return toolError(id, "unknown time zone: " + zone);
            }
        } else if (tool.equals("echo") && toolSets.contains("echo")) {
            text = arguments.path("message").asText("");
        } else {
            return error(id, -32602, "unknown tool: " + tool);
        }
        ObjectNode result = json.createObjectNode();
        result.putArray("content").addObject().put("type", "text").put("text", text);
        return ok(id, result);
    }

    private ObjectNode toolError(JsonNode id, String text) {
        ObjectNode result = json.createObjectNode().put("isError", true);
        result.putArray("content").addObject().put("type", "text").put("text", text);
        return ok(id, result);
    }

    private ObjectNode ok(JsonNode id, JsonNode result) {
        return new JsonRpcMessages(json).result(id, result);
    }

    private ObjectNode error(JsonNode id, int code, String message) {
        return new JsonRpcMessages(json).error(id, code, message);
    }

    private void reply(ObjectNode message) {
        try {
            out.println(json.writeValueAsString(message));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a reply built from JSON nodes always serialises", e);
        }
        out.flush();
    }
}
