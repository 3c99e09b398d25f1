package dev.zeroclaw.testing;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.stream.IntStream;

/**
 * The MCP server behind an in-memory transport: it answers {@code initialize} with the protocol
 * version the client asked for, {@code tools/list} with a fixed set of tools, {@code tools/call} of
 * one of them with a text naming the server, the tool and its arguments, {@code prompts/list} when
 * it has prompts, and {@code ping}, as the fixture server {@code mcp-fixture.js} does; any other
 * request gets "method not found", and notifications get nothing.
 *
 * <p>Immutable and thread-safe: one instance may serve many in-memory servers; each {@code with}
 * method returns a changed copy.
 */
public final class InMemoryMcpServer {

    private static final int INTERNAL_ERROR = -32603;
    private static final int INVALID_PARAMS = -32602;
    private static final int METHOD_NOT_FOUND = -32601;
    private static final int PARSE_ERROR = -32700;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String label;
    private final List<String> tools;
    private final List<String> prompts;
    private final Set<String> failing;
    private final CompletionStage<?> initializeGate;
    private final ObjectNode toolList;
    private final ObjectNode promptList;

    private InMemoryMcpServer(String label, List<String> tools, List<String> prompts, Set<String> failing,
            CompletionStage<?> initializeGate) {
        this.label = requireNonNull(label, "label is null");
        this.tools = List.copyOf(tools);
        this.prompts = List.copyOf(prompts);
        this.failing = Set.copyOf(failing);
        this.initializeGate = requireNonNull(initializeGate, "initializeGate is null");
        this.toolList = JSON.createObjectNode();
        ArrayNode toolArray = toolList.putArray("tools");
        this.tools.forEach(tool -> toolArray.addObject().put("name", tool).putObject("inputSchema").put("type", "object"));
        this.promptList = JSON.createObjectNode();
        ArrayNode promptArray = promptList.putArray("prompts");
        this.prompts.forEach(prompt -> promptArray.addObject().put("name", prompt));
    }

    /**
     * A server with the given tools, in that order.
     *
     * @param label names the server in its answers to {@code tools/call}, so a test sees which one answered
     */
    public static InMemoryMcpServer withTools(String label, List<String> tools) {
        return new InMemoryMcpServer(label, tools, List.of(), Set.of(), CompletableFuture.completedFuture(null));
    }

    /** A server with {@code count} tools named {@code tool_0}, {@code tool_1}, … */
    public static InMemoryMcpServer withToolCount(int count) {
        if (count < 0) {
            throw new IllegalArgumentException("count must not be negative: " + count);
        }
        return withTools("memory", IntStream.range(0, count).mapToObj(i -> "tool_" + i).toList());
    }

    /** This server, also offering these prompts (and the {@code prompts} capability). */
    public InMemoryMcpServer withPrompts(List<String> prompts) {
        return new InMemoryMcpServer(label, tools, prompts, failing, initializeGate);
    }

    /**
     * This server, answering {@code method} with an internal error. Not {@code initialize} or
     * {@code tools/list}: a client's handshake needs them, so the server would never be ready.
     */
    public InMemoryMcpServer failing(String method) {
        if (method.equals("initialize") || method.equals("tools/list")) {
            throw new IllegalArgumentException(method + " is part of the handshake; a server failing it never starts");
        }
        Set<String> more = new HashSet<>(failing);
        more.add(method);
        return new InMemoryMcpServer(label, tools, prompts, more, initializeGate);
    }

    /**
     * This server, answering {@code initialize} only once {@code gate} completes: a start that
     * lasts until the test says. Its later answers, and the end of its transport, queue behind that
     * one, so a test completes the gate before it stops the server.
     */
    public InMemoryMcpServer initializeAfter(CompletionStage<?> gate) {
        return new InMemoryMcpServer(label, tools, prompts, failing, gate);
    }

    /** Completes when this server may answer {@code initialize}. */
    CompletionStage<?> initializeGate() {
        return initializeGate;
    }

    /** The answer to one message from the client, as JSON text; empty for a notification or a response. */
    Optional<String> answer(String message) {
        JsonNode request;
        try {
            request = JSON.readTree(message);
        } catch (JsonProcessingException e) {
            return Optional.of(error(JSON.nullNode(), PARSE_ERROR, "not JSON"));
        }
        JsonNode id = request.get("id");
        if (id == null || id.isNull() || !request.has("method")) {
            return Optional.empty();
        }
        String method = request.path("method").asText();
        if (failing.contains(method)) {
            return Optional.of(error(id, INTERNAL_ERROR, method + " fails on purpose"));
        }
        ObjectNode reply = JSON.createObjectNode().put("jsonrpc", "2.0");
        reply.set("id", id);
        switch (method) {
            case "initialize" -> {
                ObjectNode result = reply.putObject("result");
                result.put("protocolVersion", request.path("params").path("protocolVersion").asText());
                ObjectNode capabilities = result.putObject("capabilities");
                capabilities.putObject("tools");
                if (!prompts.isEmpty() || failing.contains("prompts/list")) {
                    capabilities.putObject("prompts");
                }
                result.putObject("serverInfo").put("name", "zeroclaw-in-memory").put("version", "1");
            }
            case "tools/list" -> reply.set("result", toolList);
            case "prompts/list" -> reply.set("result", promptList);
            case "tools/call" -> {
                String tool = request.path("params").path("name").asText();
                if (!tools.contains(tool)) {
                    return Optional.of(error(id, INVALID_PARAMS, "unknown tool '" + tool + "'"));
                }
                String text = label + "/" + tool + " " + request.path("params").path("arguments");
                reply.putObject("result").putArray("content").addObject().put("type", "text").put("text", text);
            }
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
            id = JSON.readTree(message).path("id");
        } catch (JsonProcessingException e) {
            return error(JSON.nullNode(), PARSE_ERROR, "not JSON");
        }
        return error(id, INTERNAL_ERROR, reason);
    }

    private static String error(JsonNode id, int code, String message) {
        ObjectNode reply = JSON.createObjectNode().put("jsonrpc", "2.0");
        reply.set("id", id);
        reply.putObject("error").put("code", code).put("message", message);
        return write(reply);
    }

    private static String write(JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree that cannot be written", e);
        }
    }
}
