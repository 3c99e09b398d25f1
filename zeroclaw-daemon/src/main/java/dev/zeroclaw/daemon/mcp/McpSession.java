package dev.zeroclaw.daemon.mcp;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.zeroclaw.api.transport.Transport;
import dev.zeroclaw.api.transport.TransportEnd;
import dev.zeroclaw.api.transport.TransportListener;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * The client side of one MCP session over one transport: request ids, per-request timeouts, the
 * {@code initialize} handshake, {@code tools/list} with pagination, and answers to the server's
 * own requests ({@code ping}).
 */
public final class McpSession implements TransportListener {

    /** The revisions this client speaks, newest first; the first is offered in {@code initialize}. */
    public static final List<String> SUPPORTED_VERSIONS = List.of("2025-11-25", "2025-06-18", "2025-03-26", "2024-11-05");

    private static final int MAX_TOOL_PAGES = 1_000;

    private final Transport transport;
    private final ObjectMapper json;
    private final String clientVersion;
    private final Consumer<String> diagnostics;
    private final Consumer<TransportEnd> ended;
    private final BiConsumer<String, JsonNode> notifications;
    private final AtomicLong nextId = new AtomicLong(1);
    private final Map<Long, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    // Set once by the transport's reader thread; read by anyone who sends.
    private volatile TransportEnd end;

    public McpSession(
            Transport transport,
            ObjectMapper json,
            String clientVersion,
            Consumer<String> diagnostics,
            Consumer<TransportEnd> ended) {
        this(transport, json, clientVersion, diagnostics, ended, (method, params) -> {});
    }

    /**
     * @param notifications hears the server's notifications (method, params) on the transport's
     *     reader thread; must not block
     */
    public McpSession(
            Transport transport,
            ObjectMapper json,
            String clientVersion,
            Consumer<String> diagnostics,
            Consumer<TransportEnd> ended,
            BiConsumer<String, JsonNode> notifications) {
        this.transport = requireNonNull(transport, "transport is null");
        this.json = requireNonNull(json, "json is null");
        this.clientVersion = requireNonNull(clientVersion, "clientVersion is null");
        this.diagnostics = requireNonNull(diagnostics, "diagnostics is null");
        this.ended = requireNonNull(ended, "ended is null");
        this.notifications = requireNonNull(notifications, "notifications is null");
    }

    /** Starts the transport; the handshake is {@link #initialize}. */
    public void start() throws IOException {
        transport.start(this);
    }

    /**
     * {@code initialize}, {@code notifications/initialized}, then every page of {@code tools/list},
     * all within {@code timeout}.
     */
    public CompletableFuture<Handshake> initialize(Duration timeout) {
        ObjectNode params = json.createObjectNode();
        params.put("protocolVersion", SUPPORTED_VERSIONS.get(0));
        params.putObject("capabilities");
        params.putObject("clientInfo").put("name", "zeroclaw").put("version", clientVersion);
        return request("initialize", params, timeout)
                .thenCompose(result -> {
                    String version = result.path("protocolVersion").asText("");
                    if (!SUPPORTED_VERSIONS.contains(version)) {
                        throw new McpError(McpError.INTERNAL_ERROR, "the server answered protocol version '" + version
                                + "', which zeroclaw does not speak (it speaks " + String.join(", ", SUPPORTED_VERSIONS) + ")");
                    }
                    notifyServer("notifications/initialized");
                    return listTools(timeout, new ArrayList<>(), null, 0).thenApply(tools -> new Handshake(
                            version,
                            result.path("serverInfo").path("name").asText(""),
                            result.path("serverInfo").path("version").asText(""),
                            result.path("capabilities"),
                            tools));
                })
                .orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .exceptionally(failure -> {
                    throw new CompletionException(describe(failure, "initialize", timeout));
                });
    }

    /** {@code ping}; completes when the server answers within {@code timeout}. */
    public CompletableFuture<Void> ping(Duration timeout) {
        return request("ping", json.createObjectNode(), timeout).thenApply(result -> null);
    }

    /** One request; completes with its {@code result}, or an {@link McpError}, or on timeout. */
    public CompletableFuture<JsonNode> request(String method, JsonNode params, Duration timeout) {
        long id = nextId.getAndIncrement();
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        pending.put(id, answer);
        answer.whenComplete((result, failure) -> pending.remove(id));
        ObjectNode message = json.createObjectNode().put("jsonrpc", "2.0").put("id", id).put("method", method);
        message.set("params", params);
        try {
            send(message);
        } catch (IOException e) {
            answer.completeExceptionally(e);
            return answer;
        }
        TransportEnd already = end;
        if (already != null) {
            answer.completeExceptionally(new IOException("the server has ended: " + already.reason()));
        }
        return answer.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Fails every request still waiting, ends the transport within {@code deadline}. */
    public void close(Duration deadline) {
        transport.close(deadline);
    }

    @Override
    public void onMessage(String message) {
        JsonNode node;
        try {
            node = json.readTree(message);
        } catch (JsonProcessingException e) {
            diagnostics.accept("sent a message that is not JSON; ignored");
            return;
        }
        if (node.isArray()) {
            node.forEach(this::dispatch);
        } else {
            dispatch(node);
        }
    }

    @Override
    public void onDiagnostic(String line) {
        diagnostics.accept(line);
    }

    @Override
    public void onClosed(TransportEnd transportEnd) {
        end = transportEnd;
        IOException gone = new IOException("the server has ended: " + transportEnd.reason());
        pending.values().forEach(answer -> answer.completeExceptionally(gone));
        ended.accept(transportEnd);
    }

    private void dispatch(JsonNode message) {
        JsonNode id = message.get("id");
        if (message.has("method")) {
            if (id != null && !id.isNull()) {
                answerServerRequest(id, message.path("method").asText());
            } else {
                notifications.accept(message.path("method").asText(), message.path("params"));
            }
            return;
        }
        if (id == null || !id.canConvertToLong()) {
            return;
        }
        CompletableFuture<JsonNode> answer = pending.get(id.asLong());
        if (answer == null) {
            return;
        }
        JsonNode error = message.get("error");
        if (error != null) {
            answer.completeExceptionally(new McpError(error.path("code").asInt(McpError.INTERNAL_ERROR),
                    error.path("message").asText("error without a message")));
        } else {
            answer.complete(message.path("result"));
        }
    }

    /** zeroclaw offers no client capability: it answers {@code ping} and refuses the rest. */
    private void answerServerRequest(JsonNode id, String method) {
        ObjectNode reply = json.createObjectNode().put("jsonrpc", "2.0");
        reply.set("id", id);
        if (method.equals("ping")) {
            reply.putObject("result");
        } else {
            reply.putObject("error").put("code", McpError.METHOD_NOT_FOUND)
                    .put("message", "zeroclaw does not offer '" + method + "'");
        }
        try {
            send(reply);
        } catch (IOException e) {
            // The transport has ended; onClosed reports that.
        }
    }

    private CompletableFuture<List<JsonNode>> listTools(Duration timeout, List<JsonNode> tools, String cursor, int page) {
        if (page == MAX_TOOL_PAGES) {
            return CompletableFuture.failedFuture(new McpError(McpError.INTERNAL_ERROR,
                    "tools/list returned more than " + MAX_TOOL_PAGES + " pages; is nextCursor repeating?"));
        }
        ObjectNode params = json.createObjectNode();
        if (cursor != null) {
            params.put("cursor", cursor);
        }
        return request("tools/list", params, timeout).thenCompose(result -> {
            result.path("tools").forEach(tools::add);
            JsonNode next = result.get("nextCursor");
            if (next == null || next.isNull() || next.asText().isEmpty()) {
                return CompletableFuture.completedFuture(tools);
            }
            return listTools(timeout, tools, next.asText(), page + 1);
        });
    }

    private void notifyServer(String method) {
        try {
            send(json.createObjectNode().put("jsonrpc", "2.0").put("method", method));
        } catch (IOException e) {
            throw new CompletionException(e);
        }
    }

    private void send(JsonNode message) throws IOException {
        transport.send(json.writeValueAsString(message));
    }

    private static RuntimeException describe(Throwable failure, String step, Duration timeout) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof TimeoutException) {
            return new McpError(McpError.INTERNAL_ERROR,
                    "no answer to " + step + " within " + timeout.toSeconds() + " s (startup_timeout_secs)");
        }
        if (cause instanceof McpError error) {
            return error;
        }
        return new McpError(McpError.INTERNAL_ERROR, step + " failed: " + cause.getMessage());
    }
}
