package dev.zeroclaw.gateway;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.zeroclaw.mcp.McpError;
import dev.zeroclaw.mcp.McpSession;
import dev.zeroclaw.api.ZeroclawVersion;
import dev.zeroclaw.supervisor.ServerRegistry;
import dev.zeroclaw.supervisor.ServerState;
import dev.zeroclaw.supervisor.ServerStatus;
import dev.zeroclaw.supervisor.ServerSupervisor;
import dev.zeroclaw.supervisor.ServingLease;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MCP server the gateway is, over the servers the daemon supervises: lists are the union of
 * the READY servers' lists, names and URIs namespaced ({@link NamespacedName}, {@link ResourceUri});
 * a call goes to its server's serving instance under the original name, bounded by the server's
 * {@code tool_timeout_secs}. A server's failure comes back as an MCP error that names the server.
 */
public final class GatewayProtocol {

    /** Entries per page of a list; clients follow {@code nextCursor}. */
    static final int PAGE_SIZE = 100;
    /** A server whose list spans more pages than this is treated as broken (a repeating cursor). */
    static final int MAX_UPSTREAM_PAGES = 1_000;
    /** A call waits for its server's READY at most this many times (a server READY again and gone at once). */
    static final int MAX_WAITS = 3;

    private static final Logger log = LoggerFactory.getLogger(GatewayProtocol.class);

    private final ServerRegistry registry;
    private final UpstreamListCache cache;
    private final GatewayMetrics metrics;
    private final ProgressRoutes progress;
    private final ResourceSubscriptions subscriptions;
    private final ReadyWaiters waiters;
    private final ObjectMapper json;
    private final ServerRequestRelay relay;

    public GatewayProtocol(ServerRegistry registry, UpstreamListCache cache, GatewayMetrics metrics, ProgressRoutes progress,
            ResourceSubscriptions subscriptions, ReadyWaiters waiters, ObjectMapper json, ServerRequestRelay relay) {
        this.registry = requireNonNull(registry, "registry is null");
        this.cache = requireNonNull(cache, "cache is null");
        this.metrics = requireNonNull(metrics, "metrics is null");
        this.progress = requireNonNull(progress, "progress is null");
        this.subscriptions = requireNonNull(subscriptions, "subscriptions is null");
        this.waiters = requireNonNull(waiters, "waiters is null");
        this.json = requireNonNull(json, "json is null");
        this.relay = requireNonNull(relay, "relay is null");
    }

    /** The revision to speak with a client that asked for {@code requested}: the same if known, else the newest. */
    static String negotiate(String requested) {
        return McpSession.SUPPORTED_VERSIONS.contains(requested) ? requested : McpSession.SUPPORTED_VERSIONS.get(0);
    }

    JsonNode initializeResult(String protocolVersion) {
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

    /**
     * Answers one client request (not {@code initialize}, which the endpoint handles).
     *
     * @param session the client's session
     * @param stream the request's response, where the messages about the call (progress, the
     *     server's requests) go before its answer
     */
    CompletableFuture<JsonNode> handle(GatewaySession session, String method, JsonNode params, CallStream stream) {
        try {
            return switch (method) {
                case "ping" -> CompletableFuture.completedFuture(json.createObjectNode());
                case "logging/setLevel" -> setLogLevel(session, params);
                case "tools/list" -> list(ListKind.TOOLS, params);
                case "resources/list" -> list(ListKind.RESOURCES, params);
                case "resources/templates/list" -> list(ListKind.RESOURCE_TEMPLATES, params);
                case "prompts/list" -> list(ListKind.PROMPTS, params);
                case "tools/call", "prompts/get" -> callByName(method, params, stream);
                case "resources/read" -> readResource(params, stream);
                case "resources/subscribe" -> subscriptions.subscribe(session, resourceUri(params));
                case "resources/unsubscribe" -> subscriptions.unsubscribe(session, resourceUri(params));
                case "completion/complete" -> complete(params, stream);
                default -> CompletableFuture.failedFuture(
                        new McpError(McpError.METHOD_NOT_FOUND, "the zeroclaw gateway does not offer '" + method + "'"));
            };
        } catch (McpError e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /**
     * A message from the client that wants no answer: a response to a server's request relayed to
     * it, or a cancellation of one of its calls. Anything else (other notifications) is dropped.
     */
    void fromClient(GatewaySession session, JsonNode message) {
        if (!message.has("method") && (message.has("result") || message.has("error"))) {
            relay.answered(session, message);
        } else if (message.path("method").asText().equals("notifications/cancelled")) {
            relay.cancelled(session, message.path("params"));
        }
    }

    /** The client's level filters the servers' log messages relayed to it; servers keep their own level. */
    private CompletableFuture<JsonNode> setLogLevel(GatewaySession session, JsonNode params) {
        String level = params.path("level").asText("");
        if (LogLevel.rank(level) < 0) {
            throw new McpError(McpError.INVALID_PARAMS, "unknown logging level '" + level + "'; one of "
                    + String.join(", ", LogLevel.NAMES));
        }
        session.logLevel(level);
        return CompletableFuture.completedFuture(json.createObjectNode());
    }

    // --- lists -------------------------------------------------------------------------------

    private CompletableFuture<JsonNode> list(ListKind kind, JsonNode params) {
        int offset = decodeCursor(params.path("cursor"));
        return union(kind).thenApply(all -> {
            ObjectNode result = json.createObjectNode();
            ArrayNode page = result.putArray(kind.field());
            int end = Math.min(all.size(), offset + PAGE_SIZE);
            for (int i = Math.min(offset, all.size()); i < end; i++) {
                page.add(all.get(i));
            }
            if (end < all.size()) {
                result.put("nextCursor", encodeCursor(end));
            }
            return result;
        });
    }

    /** Every READY server's entries of {@code kind}, namespaced, in config order. A server that fails to list is left out. */
    CompletableFuture<List<JsonNode>> union(ListKind kind) {
        List<CompletableFuture<List<JsonNode>>> parts = new ArrayList<>();
        for (ServerStatus status : registry.statuses()) {
            if (status.state() != ServerState.READY) {
                continue;
            }
            Optional<ServingLease> leased = registry.find(status.name()).flatMap(ServerSupervisor::serve);
            if (leased.isEmpty()) {
                continue;
            }
            ServingLease lease = leased.get();
            if (!lease.capabilities().has(kind.capability())) {
                lease.close();
                continue;
            }
            Duration timeout = Duration.ofSeconds(lease.toolTimeoutSecs());
            parts.add(cache.get(lease.server(), lease.instance(), kind, () -> fetch(lease.session(), kind, timeout))
                    .handle((entries, failure) -> {
                        lease.close();
                        if (failure != null) {
                            log.warn("server={} {} failed; left out of the gateway's list: {}", lease.server(), kind.method(),
                                    describe(failure));
                            return List.of();
                        }
                        return entries.stream().map(entry -> qualifyEntry(lease.server(), kind, entry)).toList();
                    }));
        }
        return CompletableFuture.allOf(parts.toArray(CompletableFuture<?>[]::new)).thenApply(done -> {
            List<JsonNode> all = new ArrayList<>();
            parts.forEach(part -> all.addAll(part.join()));
            return all;
        });
    }

    private CompletableFuture<List<JsonNode>> fetch(McpSession session, ListKind kind, Duration timeout) {
        return fetchPage(session, kind, timeout, new ArrayList<>(), null, 0);
    }

    private CompletableFuture<List<JsonNode>> fetchPage(McpSession session, ListKind kind, Duration timeout, List<JsonNode> into,
            String cursor, int page) {
        if (page == MAX_UPSTREAM_PAGES) {
            return CompletableFuture.failedFuture(new McpError(McpError.INTERNAL_ERROR,
                    kind.method() + " returned more than " + MAX_UPSTREAM_PAGES + " pages; is nextCursor repeating?"));
        }
        ObjectNode params = json.createObjectNode();
        if (cursor != null) {
            params.put("cursor", cursor);
        }
        return session.request(kind.method(), params, timeout).thenCompose(result -> {
            result.path(kind.field()).forEach(into::add);
            JsonNode next = result.get("nextCursor");
            if (next == null || next.isNull() || next.asText().isEmpty()) {
                return CompletableFuture.completedFuture(into);
            }
            return fetchPage(session, kind, timeout, into, next.asText(), page + 1);
        });
    }

    private JsonNode qualifyEntry(String server, ListKind kind, JsonNode entry) {
        if (!entry.isObject() || !entry.path(kind.key()).isTextual()) {
            return entry;
        }
        ObjectNode copy = entry.deepCopy();
        String original = entry.path(kind.key()).asText();
        copy.put(kind.key(), kind.namedByUri()
                ? new ResourceUri(server, original).qualified()
                : new NamespacedName(server, original).qualified());
        return copy;
    }

    private String encodeCursor(int offset) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(("offset:" + offset).getBytes(StandardCharsets.UTF_8));
    }

    private static int decodeCursor(JsonNode cursor) {
        if (cursor.isMissingNode() || cursor.isNull()) {
            return 0;
        }
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor.asText()), StandardCharsets.UTF_8);
            if (text.startsWith("offset:")) {
                int offset = Integer.parseInt(text.substring("offset:".length()));
                if (offset >= 0) {
                    return offset;
                }
            }
        } catch (IllegalArgumentException e) {
            // Falls through to the error below.
        }
        throw new McpError(McpError.INVALID_PARAMS, "invalid cursor '" + cursor.asText() + "'; use the nextCursor of the previous page");
    }

    // --- calls -------------------------------------------------------------------------------

    private Set<String> serverNames() {
        return registry.names();
    }

    private CompletableFuture<JsonNode> callByName(String method, JsonNode params, CallStream stream) {
        String qualified = params.path("name").asText("");
        String what = method.equals("tools/call") ? "tool" : "prompt";
        NamespacedName name = NamespacedName.parse(qualified, serverNames()).orElseThrow(() -> unknown(what, qualified));
        ObjectNode forwarded = params.deepCopy();
        forwarded.put("name", name.name());
        return route(name.server(), method, forwarded, stream).thenApply(result -> qualifyLinks(name.server(), result));
    }

    private static ResourceUri resourceUri(JsonNode params) {
        String qualified = params.path("uri").asText("");
        return ResourceUri.parse(qualified).orElseThrow(() -> new McpError(McpError.INVALID_PARAMS,
                "unknown resource '" + qualified + "': the gateway's resource URIs are " + ResourceUri.PREFIX + "<server>/<uri>"));
    }

    private CompletableFuture<JsonNode> readResource(JsonNode params, CallStream stream) {
        ResourceUri uri = resourceUri(params);
        ObjectNode forwarded = params.deepCopy();
        forwarded.put("uri", uri.original());
        return route(uri.server(), "resources/read", forwarded, stream).thenApply(result -> {
            ObjectNode copy = result.deepCopy();
            copy.path("contents").forEach(content -> qualifyUri(uri.server(), content));
            return copy;
        });
    }

    private CompletableFuture<JsonNode> complete(JsonNode params, CallStream stream) {
        JsonNode ref = params.path("ref");
        ObjectNode forwarded = params.deepCopy();
        ObjectNode forwardedRef = forwarded.putObject("ref");
        forwardedRef.setAll((ObjectNode) (ref.isObject() ? ref : json.createObjectNode()));
        String server;
        if (ref.path("type").asText().equals("ref/resource")) {
            String qualified = ref.path("uri").asText("");
            ResourceUri uri = ResourceUri.parse(qualified).orElseThrow(() -> unknown("resource", qualified));
            forwardedRef.put("uri", uri.original());
            server = uri.server();
        } else {
            String qualified = ref.path("name").asText("");
            NamespacedName name = NamespacedName.parse(qualified, serverNames()).orElseThrow(() -> unknown("prompt", qualified));
            forwardedRef.put("name", name.name());
            server = name.server();
        }
        return route(server, "completion/complete", forwarded, stream);
    }

    /** Tool results may link or embed resources; their URIs become the gateway's so the client can read them here. */
    private JsonNode qualifyLinks(String server, JsonNode result) {
        if (!result.path("content").isArray() || !linksResources(result.path("content"))) {
            return result;
        }
        ObjectNode copy = result.deepCopy();
        for (JsonNode content : copy.path("content")) {
            switch (content.path("type").asText()) {
                case "resource_link" -> qualifyUri(server, content);
                case "resource" -> qualifyUri(server, content.path("resource"));
                default -> {
                    // Text, images and audio name no resource.
                }
            }
        }
        return copy;
    }

    private static boolean linksResources(JsonNode content) {
        for (JsonNode item : content) {
            String type = item.path("type").asText();
            if (type.equals("resource_link") || type.equals("resource")) {
                return true;
            }
        }
        return false;
    }

    private void qualifyUri(String server, JsonNode content) {
        if (content instanceof ObjectNode object && object.path("uri").isTextual()) {
            object.put("uri", new ResourceUri(server, object.path("uri").asText()).qualified());
        }
    }

    /** A call to a server the config does not (or no longer) name. */
    static McpError noSuchServer(String server) {
        return new McpError(McpError.INVALID_PARAMS, noSuchServerReason(server));
    }

    private static String noSuchServerReason(String server) {
        return "no server named '" + server + "' is configured (was it removed by a reload?)";
    }

    /** A call to a server that has no serving instance and will not get one soon. */
    static McpError notServing(ServerStatus status) {
        return new McpError(McpError.INTERNAL_ERROR, "server '" + status.name() + "' is " + status.state()
                + (status.lastError() == null ? "" : " (" + status.lastError() + ")") + "; try again once it is READY");
    }

    private McpError unknown(String what, String qualified) {
        String guess = NamespacedName.guessServer(qualified);
        String why = guess.isEmpty()
                ? "names are <server>" + NamespacedName.SEPARATOR + "<" + what + ">"
                : noSuchServerReason(guess);
        return new McpError(McpError.INVALID_PARAMS, "unknown " + what + " '" + qualified + "': " + why);
    }

    /**
     * Sends one request to {@code server}'s serving instance; the lease keeps that instance until the
     * answer, and the relay knows the call is in flight there.
     */
    private CompletableFuture<JsonNode> route(String server, String method, ObjectNode params, CallStream stream) {
        return route(server, method, params, stream, 0);
    }

    private CompletableFuture<JsonNode> route(String server, String method, ObjectNode params, CallStream stream, int waits) {
        ServerSupervisor supervisor = registry.find(server).orElseThrow(() -> noSuchServer(server));
        Optional<ServingLease> serving = supervisor.serve();
        if (serving.isEmpty()) {
            // Async: the READY that releases the wait is announced under the supervisor's lock.
            return awaitReady(supervisor, waits).thenComposeAsync(ready -> route(server, method, params, stream, waits + 1));
        }
        ServingLease lease = serving.get();
        String progressToken = routeProgress(params, stream);
        int timeoutSecs = lease.toolTimeoutSecs();
        long started = System.nanoTime();
        ServerRequestRelay.Call call = relay.open(lease, stream);
        CompletableFuture<JsonNode> answer;
        try {
            answer = call.request(method, params, Duration.ofSeconds(timeoutSecs));
        } catch (RuntimeException e) {
            answer = CompletableFuture.failedFuture(e);
        }
        return answer.handle((result, failure) -> {
            call.close();
            lease.close();
            if (progressToken != null) {
                progress.close(progressToken);
            }
            metrics.called(server, System.nanoTime() - started, failure != null);
            if (failure != null) {
                throw serverError(server, method, timeoutSecs, failure);
            }
            return result;
        });
    }

    /**
     * A call to a server between instances (a stop-first restart, a start, a crash restart) waits
     * up to the server's {@code tool_timeout_secs} for it to be READY; one that is FAILED fails at once.
     */
    private CompletableFuture<Void> awaitReady(ServerSupervisor supervisor, int waits) {
        String server = supervisor.name();
        ServerStatus status = supervisor.status();
        if (!ReadyWaiters.worthWaiting(status.state()) || waits >= MAX_WAITS) {
            metrics.called(server, 0, true);
            return CompletableFuture.failedFuture(notServing(status));
        }
        int timeoutSecs = supervisor.spec().toolTimeoutSecs();
        CompletableFuture<Void> ready = waiters.await(server);
        // It may have become READY before the waiter was registered.
        if (supervisor.state() == ServerState.READY) {
            ready.complete(null);
        }
        return ready.orTimeout(timeoutSecs, TimeUnit.SECONDS).exceptionally(failure -> {
            metrics.called(server, 0, true);
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
            if (cause instanceof McpError error) {
                throw error;
            }
            throw new McpError(McpError.REQUEST_TIMEOUT, "server '" + server + "' did not become READY within "
                    + timeoutSecs + " s (tool_timeout_secs); it is " + supervisor.state());
        });
    }

    /** Gives the request a gateway-wide progress token when the client asked for progress and can hear it. */
    private String routeProgress(ObjectNode params, CallStream stream) {
        JsonNode meta = params.path("_meta");
        JsonNode token = meta.path("progressToken");
        if (token.isMissingNode() || token.isNull()) {
            return null;
        }
        if (!stream.acceptsEvents()) {
            ((ObjectNode) meta).remove("progressToken");
            return null;
        }
        String routed = progress.open(token, stream);
        ((ObjectNode) meta).put("progressToken", routed);
        return routed;
    }

    static McpError serverError(String server, String method, int timeoutSecs, Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof McpError error) {
            return new McpError(error.code(), "server '" + server + "': " + error.getMessage());
        }
        if (cause instanceof TimeoutException) {
            return new McpError(McpError.REQUEST_TIMEOUT, "server '" + server + "' did not answer " + method + " within "
                    + timeoutSecs + " s (tool_timeout_secs)");
        }
        if (cause instanceof CancellationException) {
            return new McpError(McpError.INTERNAL_ERROR, "the client cancelled " + method + " at server '" + server + "'");
        }
        if (cause instanceof IOException) {
            return new McpError(McpError.INTERNAL_ERROR, "server '" + server + "' could not answer " + method + ": "
                    + cause.getMessage());
        }
        return new McpError(McpError.INTERNAL_ERROR, "server '" + server + "' failed on " + method + ": " + cause);
    }

    private static String describe(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        return cause instanceof TimeoutException ? "no answer in time" : String.valueOf(cause.getMessage());
    }
}
