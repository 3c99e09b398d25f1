package dev.zeroclaw.mcp;

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
import java.util.function.BiFunction;
import java.util.function.Consumer;

/**
 * The client side of one MCP session over one transport: request ids, per-request timeouts, the
 * {@code initialize} handshake, {@code tools/list} with pagination, cancellation, and answers to
 * the server's own requests: {@code ping} here, the rest by a hook (which, by default, refuses).
 */
public final class McpSession implements TransportListener {

    /** The revisions this client speaks, newest first; the first is offered in {@code initialize}. */
    public static final List<String> SUPPORTED_VERSIONS = List.of("2025-11-25", "2025-06-18", "2025-03-26", "2024-11-05");

    private static final int MAX_TOOL_PAGES = 1_000;
    /** A request sent and not yet answered: its answer and when it times out ({@link System#nanoTime()}). */
    private record Pending(CompletableFuture<JsonNode> answer, long deadline) {}

    /** The hook of a session that offers no client capability. */
    private static final BiFunction<String, JsonNode, CompletableFuture<JsonNode>> REFUSING = McpSession::refuse;

    private final Transport transport;
    private final ObjectMapper json;
    private final String clientVersion;
    private final Consumer<String> diagnostics;
    private final Consumer<TransportEnd> ended;
    private final BiConsumer<String, JsonNode> notifications;
    private final BiFunction<String, JsonNode, CompletableFuture<JsonNode>> requests;
    private final AtomicLong nextId = new AtomicLong(1);
    // Requests waiting for their answer, each with its deadline (System.nanoTime()).
    private final Map<Long, Pending> pending = new ConcurrentHashMap<>();
    // One timer for all of pending: armed for the earliest deadline, not one per request (see track).
    private final Object sweepLock = new Object();
    // Guarded by sweepLock: a sweep is scheduled, at sweepAt.
    private boolean sweepArmed;
    private long sweepAt;
    // The server's requests still being answered, by id as JSON text, so the server can cancel one.
    private final Map<String, CompletableFuture<JsonNode>> answering = new ConcurrentHashMap<>();
    // Set once by the transport's reader thread; read by anyone who sends.
    private volatile TransportEnd end;

    /** A session that offers no client capability: it answers {@code ping}, refuses the rest, drops notifications. */
    public McpSession(
            Transport transport,
            ObjectMapper json,
            String clientVersion,
            Consumer<String> diagnostics,
            Consumer<TransportEnd> ended) {
        this(transport, json, clientVersion, diagnostics, ended, (method, params) -> {}, REFUSING);
    }

    /**
     * A session that declares the client capabilities {@code sampling}, {@code elicitation} and
     * {@code roots} and hands the server's requests other than {@code ping} to {@code requests}.
     *
     * @param notifications hears the server's notifications (method, params) on the transport's
     *     reader thread; must not block
     * @param requests answers one server request (method, params) on the transport's reader
     *     thread, must not block: the future completes with the result, or fails with the
     *     {@link McpError} the server is answered with. It is cancelled when the server cancels
     *     the request.
     */
    public McpSession(
            Transport transport,
            ObjectMapper json,
            String clientVersion,
            Consumer<String> diagnostics,
            Consumer<TransportEnd> ended,
            BiConsumer<String, JsonNode> notifications,
            BiFunction<String, JsonNode, CompletableFuture<JsonNode>> requests) {
        this.transport = requireNonNull(transport, "transport is null");
        this.json = requireNonNull(json, "json is null");
        this.clientVersion = requireNonNull(clientVersion, "clientVersion is null");
        this.diagnostics = requireNonNull(diagnostics, "diagnostics is null");
        this.ended = requireNonNull(ended, "ended is null");
        this.notifications = requireNonNull(notifications, "notifications is null");
        this.requests = requireNonNull(requests, "requests is null");
    }

    /** The answer of a session that offers no client capability: the server's request is refused. */
    public static CompletableFuture<JsonNode> refuse(String method, JsonNode params) {
        return CompletableFuture.failedFuture(new McpError(McpError.METHOD_NOT_FOUND, "zeroclaw does not offer '" + method + "'"));
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
        ObjectNode capabilities = params.putObject("capabilities");
        // Declared only when someone answers them; a refusing session would be a false promise.
        if (requests != REFUSING) {
            capabilities.putObject("sampling");
            capabilities.putObject("elicitation");
            capabilities.putObject("roots");
        }
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

    /**
     * One request; completes with its {@code result}, or an {@link McpError}, or on timeout. The
     * timeout runs from before the message is handed to the transport, so a slow send counts; a
     * send that fails completes the request with that failure at once.
     */
    public CompletableFuture<JsonNode> request(String method, JsonNode params, Duration timeout) {
        long id = nextId.getAndIncrement();
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        pending.put(id, new Pending(answer, deadline));
        answer.whenComplete((result, failure) -> pending.remove(id));
        track(deadline);
        ObjectNode message = json.createObjectNode().put("jsonrpc", "2.0").put("id", id).put("method", method);
        message.set("params", params);
        try {
            send(message);
        } catch (IOException | RuntimeException e) {
            // A plugin's transport may throw anything; the caller (often a shared timer) must not.
            answer.completeExceptionally(e);
            return answer;
        }
        TransportEnd already = end;
        if (already != null) {
            answer.completeExceptionally(new IOException("the server has ended: " + already.reason()));
        }
        return answer;
    }

    /**
     * Makes sure a sweep comes by {@code deadline}. A timer per request ({@code orTimeout}) would wake
     * the JDK's timer thread on every call, since each new request's timeout is the earliest once the
     * one before it is answered: a thread wake-up per call for a timeout that almost never fires. Here
     * a request schedules a sweep only when none is due by its deadline, so calls in a row share one.
     */
    private void track(long deadline) {
        synchronized (sweepLock) {
            if (sweepArmed && sweepAt - deadline <= 0) {
                return;
            }
            sweepArmed = true;
            sweepAt = deadline;
        }
        // Runs on the JDK's timer thread, as orTimeout's timeouts do.
        CompletableFuture.delayedExecutor(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS, Runnable::run)
                .execute(this::sweep);
    }

    /** Times out what is due and schedules the next sweep for the earliest deadline left. */
    private void sweep() {
        // Disarmed before the scan: a request tracked after this point schedules its own sweep, and
        // one tracked before it was put in pending before, so this scan sees it.
        synchronized (sweepLock) {
            sweepArmed = false;
        }
        long now = System.nanoTime();
        Long next = null;
        for (Map.Entry<Long, Pending> entry : pending.entrySet()) {
            Pending request = entry.getValue();
            if (request.deadline() - now <= 0) {
                // Out of the table before the caller wakes, so that it never sees its own request pending.
                if (pending.remove(entry.getKey(), request)) {
                    request.answer().completeExceptionally(new TimeoutException());
                }
            } else if (next == null || request.deadline() - next < 0) {
                next = request.deadline();
            }
        }
        if (next != null) {
            track(next);
        }
    }

    /** Requests sent and not yet answered, failed or timed out; for tests. */
    int pendingRequests() {
        return pending.size();
    }

    /**
     * Stops waiting for {@code answer}, a request sent by {@link #request}, and tells the server
     * with {@code notifications/cancelled} and the request's id; {@code answer} is then cancelled.
     * False when it was already answered (or not sent here).
     */
    public boolean cancel(CompletableFuture<JsonNode> answer, String reason) {
        for (Map.Entry<Long, Pending> entry : pending.entrySet()) {
            if (entry.getValue().answer() == answer && pending.remove(entry.getKey(), entry.getValue())) {
                ObjectNode message = json.createObjectNode().put("jsonrpc", "2.0").put("method", "notifications/cancelled");
                message.putObject("params").put("requestId", entry.getKey()).put("reason", reason);
                try {
                    // Told before the answer is dropped, so the server hears it while the caller's lease still holds the instance.
                    send(message);
                } catch (IOException e) {
                    // The transport has ended; onClosed reports that.
                }
                answer.cancel(false);
                return true;
            }
        }
        return false;
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
        pending.values().forEach(request -> request.answer().completeExceptionally(gone));
        // Nobody is left to hear the answers to the server's own requests.
        answering.values().forEach(answer -> answer.cancel(false));
        ended.accept(transportEnd);
    }

    private void dispatch(JsonNode message) {
        JsonNode id = message.get("id");
        if (message.has("method")) {
            String method = message.path("method").asText();
            if (id != null && !id.isNull()) {
                answerServerRequest(id, method, message.path("params"));
            } else if (method.equals("notifications/cancelled")) {
                CompletableFuture<JsonNode> cancelled = answering.get(message.path("params").path("requestId").toString());
                if (cancelled != null) {
                    cancelled.cancel(false);
                }
            } else {
                notifications.accept(method, message.path("params"));
            }
            return;
        }
        if (id == null || !id.canConvertToLong()) {
            return;
        }
        // Removed before it completes, as in a sweep: whoever waits for the answer sees it gone.
        Pending request = pending.remove(id.asLong());
        if (request == null) {
            return;
        }
        CompletableFuture<JsonNode> answer = request.answer();
        JsonNode error = message.get("error");
        if (error != null) {
            answer.completeExceptionally(new McpError(error.path("code").asInt(McpError.INTERNAL_ERROR),
                    error.path("message").asText("error without a message")));
        } else {
            answer.complete(message.path("result"));
        }
    }

    /**
     * Answers {@code ping} at once, every other request when the hook's future completes; a request
     * the server cancelled gets no answer, as MCP asks.
     */
    private void answerServerRequest(JsonNode id, String method, JsonNode params) {
        if (method.equals("ping")) {
            reply(id, json.createObjectNode(), null);
            return;
        }
        CompletableFuture<JsonNode> answer;
        try {
            answer = requests.apply(method, params);
        } catch (RuntimeException e) {
            answer = CompletableFuture.failedFuture(e);
        }
        String key = id.toString();
        CompletableFuture<JsonNode> answered = answer;
        answering.put(key, answered);
        answered.whenComplete((result, failure) -> {
            answering.remove(key, answered);
            if (!answered.isCancelled()) {
                reply(id, result, failure);
            }
        });
    }

    private void reply(JsonNode id, JsonNode result, Throwable failure) {
        ObjectNode reply = json.createObjectNode().put("jsonrpc", "2.0");
        reply.set("id", id);
        if (failure == null) {
            reply.set("result", result == null ? json.createObjectNode() : result);
        } else {
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
            reply.putObject("error")
                    .put("code", cause instanceof McpError error ? error.code() : McpError.INTERNAL_ERROR)
                    .put("message", String.valueOf(cause.getMessage()));
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
