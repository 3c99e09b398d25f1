package dev.zeroclaw.gateway.routing;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.zeroclaw.api.ExposedNames;
import dev.zeroclaw.api.ServerSpec;
import dev.zeroclaw.gateway.metrics.GatewayMetrics;
import dev.zeroclaw.gateway.observe.ObservedCall;
import dev.zeroclaw.gateway.pins.ToolPins;
import dev.zeroclaw.gateway.relay.ProgressRoutes;
import dev.zeroclaw.gateway.relay.ServerRequestRelay;
import dev.zeroclaw.gateway.session.CallStream;
import dev.zeroclaw.gateway.view.ClientView;
import dev.zeroclaw.mcp.McpError;
import dev.zeroclaw.supervisor.ServerRegistry;
import dev.zeroclaw.supervisor.ServerState;
import dev.zeroclaw.supervisor.ServerStatus;
import dev.zeroclaw.supervisor.ServerSupervisor;
import dev.zeroclaw.supervisor.ServingLease;
import java.io.IOException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Routes a client's call to the server it names: {@code tools/call} and {@code prompts/get} by
 * {@link NamespacedName}, {@code resources/read} by {@link ResourceUri}, {@code completion/complete}
 * by its reference. The request goes to the server's serving instance under the original name,
 * bounded by the server's {@code tool_timeout_secs}; a server between instances is waited for, one
 * that is down is not. A server's failure comes back as an MCP error that names the server.
 * A tool hidden by the server's {@code allowed_tools}/{@code excluded_tools} is refused with the
 * rule that hides it, and a tool's result is fitted to the server's {@code max_result_bytes}
 * ({@link ResultCap}); both read the server's settings at the call, so a reload applies them live.
 */
public final class CallRouter {

    /** A call waits for its server's READY at most this many times (a server READY again and gone at once). */
    static final int MAX_WAITS = 3;

    private final ServerRegistry registry;
    private final GatewayMetrics metrics;
    private final ProgressRoutes progress;
    private final ReadyWaiters waiters;
    private final ServerRequestRelay relay;
    private final ToolPins pins;
    private final ExposedNameSource names;
    private final ObjectMapper json;
    private final ResultCap cap;

    public CallRouter(ServerRegistry registry, GatewayMetrics metrics, ProgressRoutes progress, ReadyWaiters waiters,
            ServerRequestRelay relay, ToolPins pins, ExposedNameSource names, ObjectMapper json) {
        this.registry = requireNonNull(registry, "registry is null");
        this.metrics = requireNonNull(metrics, "metrics is null");
        this.progress = requireNonNull(progress, "progress is null");
        this.waiters = requireNonNull(waiters, "waiters is null");
        this.relay = requireNonNull(relay, "relay is null");
        this.pins = requireNonNull(pins, "pins is null");
        this.names = requireNonNull(names, "names is null");
        this.json = requireNonNull(json, "json is null");
        this.cap = new ResultCap(json);
    }

    /**
     * {@code tools/call} or {@code prompts/get}: {@code params.name} is a name the gateway's list
     * gave ({@link ExposedNames}), or else {@code <prefix>__<name>} of a server not listed then.
     */
    public CompletableFuture<JsonNode> callByName(String method, JsonNode params, CallStream stream) {
        return callByName(method, params, stream, ClientView.WHOLE);
    }

    /** As {@link #callByName(String, JsonNode, CallStream)} for a session with {@code view}: outside it, an error naming its bundle. */
    public CompletableFuture<JsonNode> callByName(String method, JsonNode params, CallStream stream, ClientView view) {
        String qualified = params.path("name").asText("");
        String what = method.equals("tools/call") ? "tool" : "prompt";
        Optional<NamespacedName> known = names.known(what).flatMap(table -> listed(table, qualified));
        CompletableFuture<NamespacedName> resolved = known.isPresent()
                ? CompletableFuture.completedFuture(known.get())
                : names.refreshed(what).thenApply(table -> listed(table, qualified)
                        .or(() -> NamespacedName.parse(qualified, registry.prefixes()))
                        .orElseThrow(() -> unknown(what, qualified)));
        return resolved.thenCompose(name -> {
            view.check(what + " '" + qualified + "'", name.server(), what.equals("tool") ? name.name() : null);
            return method.equals("tools/call")
                ? callTool(qualified, name, params, stream)
                : route(name.server(), method, renamed(params, name), stream)
                        .thenApply(result -> ResourceLinks.inCallResult(registry.prefixes(), name.server(), result));
        });
    }

    private CompletableFuture<JsonNode> callTool(String qualified, NamespacedName name, JsonNode params, CallStream stream) {
        Optional<McpError> withheld = pins.refusal(name.server(), qualified, name.name());
        if (withheld.isPresent()) {
            throw withheld.get();
        }
        // Read at the call, on the client's thread: a reload's update applies from the next call.
        ServerSpec spec = registry.find(name.server()).orElseThrow(() -> noSuchServer(name.server())).spec();
        spec.toolFilter().hiddenBy(name.name()).ifPresent(rule -> {
            throw new McpError(McpError.INVALID_PARAMS, "tool '" + name.name() + "' of server '" + name.server() + "' is " + rule);
        });
        return route(name.server(), "tools/call", renamed(params, name), stream)
                .thenApply(result -> ResourceLinks.inCallResult(registry.prefixes(), name.server(), result))
                .thenApply(result -> capped(name, spec.maxResultBytes(), result));
    }

    private static ObjectNode renamed(JsonNode params, NamespacedName name) {
        ObjectNode forwarded = params.deepCopy();
        forwarded.put("name", name.name());
        return forwarded;
    }

    /** The result fitted to the server's {@code max_result_bytes}, or the MCP error that refuses it. */
    private JsonNode capped(NamespacedName name, int limit, JsonNode result) {
        ResultCap.Capped capped = cap.fit(name.server(), name.name(), limit, result);
        switch (capped.outcome()) {
            case CUT -> metrics.resultCut(name.server());
            case REFUSED -> {
                metrics.resultRefused(name.server());
                throw new McpError(McpError.INTERNAL_ERROR, capped.refusal());
            }
            case WHOLE -> {
                // Nothing to count.
            }
        }
        return capped.result();
    }

    private static Optional<NamespacedName> listed(ExposedNames table, String qualified) {
        return table.original(qualified).map(original -> new NamespacedName(original.server(), original.name()));
    }

    /** {@code resources/read} of a gateway URI; the contents come back under gateway URIs. */
    public CompletableFuture<JsonNode> readResource(JsonNode params, CallStream stream) {
        return readResource(params, stream, ClientView.WHOLE);
    }

    /** {@code resources/read} of a resource in {@code view}. */
    public CompletableFuture<JsonNode> readResource(JsonNode params, CallStream stream, ClientView view) {
        ResourceUri uri = resourceUri(params, view);
        ObjectNode forwarded = params.deepCopy();
        forwarded.put("uri", uri.original());
        return route(uri.server(), "resources/read", forwarded, stream)
                .thenApply(result -> ResourceLinks.inReadResult(registry.prefixes(), uri.server(), result));
    }

    /** {@code completion/complete}: the server is the one its {@code ref} (a prompt or a resource) names. */
    public CompletableFuture<JsonNode> complete(JsonNode params, CallStream stream) {
        return complete(params, stream, ClientView.WHOLE);
    }

    /** {@code completion/complete} of a prompt or resource in {@code view}. */
    public CompletableFuture<JsonNode> complete(JsonNode params, CallStream stream, ClientView view) {
        JsonNode ref = params.path("ref");
        ObjectNode forwarded = params.deepCopy();
        ObjectNode forwardedRef = forwarded.putObject("ref");
        forwardedRef.setAll((ObjectNode) (ref.isObject() ? ref : json.createObjectNode()));
        String server;
        if (ref.path("type").asText().equals("ref/resource")) {
            String qualified = ref.path("uri").asText("");
            ResourceUri uri = ResourceUri.parse(qualified, registry.prefixes()).orElseThrow(() -> unknown("resource", qualified));
            forwardedRef.put("uri", uri.original());
            server = uri.server();
        } else {
            String qualified = ref.path("name").asText("");
            NamespacedName name = names.known("prompt").flatMap(table -> listed(table, qualified))
                    .or(() -> NamespacedName.parse(qualified, registry.prefixes()))
                    .orElseThrow(() -> unknown("prompt", qualified));
            forwardedRef.put("name", name.name());
            server = name.server();
        }
        view.check("the completion's reference", server, null);
        return route(server, "completion/complete", forwarded, stream);
    }

    /** The gateway URI in {@code params.uri}; an {@link McpError} when it is none. */
    public ResourceUri resourceUri(JsonNode params) {
        return resourceUri(params, ClientView.WHOLE);
    }

    /** The gateway URI in {@code params.uri}, of a server in {@code view}; an {@link McpError} when it is none. */
    public ResourceUri resourceUri(JsonNode params, ClientView view) {
        String qualified = params.path("uri").asText("");
        ResourceUri uri = ResourceUri.parse(qualified, registry.prefixes()).orElseThrow(() -> new McpError(McpError.INVALID_PARAMS,
                "unknown resource '" + qualified + "': the gateway's resource URIs are " + ResourceUri.PREFIX + "<server>/<uri>"));
        view.check("resource '" + qualified + "'", uri.server(), null);
        return uri;
    }

    /** A call to a server the config does not (or no longer) name. */
    static McpError noSuchServer(String server) {
        return new McpError(McpError.INVALID_PARAMS, noSuchServerReason(server));
    }

    private static String noSuchServerReason(String server) {
        return "no server named '" + server + "' is configured (was it removed by a reload?)";
    }

    /**
     * A call to a server that has no serving instance and will not get one soon: the state, the
     * last error and, in BACKOFF, when the next start attempt is.
     */
    static McpError notServing(ServerStatus status) {
        StringBuilder why = new StringBuilder("server '").append(status.name()).append("' is ").append(status.state());
        if (status.lastError() != null) {
            why.append(" (last error: ").append(status.lastError()).append(')');
        }
        if (status.nextStartInMs().isPresent()) {
            why.append("; the next start attempt is in ")
                    .append(String.format(Locale.ROOT, "%.1f", status.nextStartInMs().getAsLong() / 1000.0)).append(" s");
        }
        why.append(status.state() == ServerState.FAILED
                ? "; it is not restarted until its config changes (see zeroclaw status)"
                : status.state() == ServerState.NEEDS_AUTH
                ? "; it waits for an OAuth login (see zeroclaw status)"
                : "; try again once it is READY");
        return new McpError(McpError.INTERNAL_ERROR, why.toString());
    }

    private McpError unknown(String what, String qualified) {
        String why = NamespacedName.whyNoMatch(qualified, registry.prefixes(), what)
                .orElseGet(() -> noSuchServerReason(NamespacedName.guessServer(qualified)));
        return new McpError(McpError.INVALID_PARAMS, "unknown " + what + " '" + qualified + "': " + why);
    }

    /** What the client hears when {@code server} failed to answer {@code method}: the server is named. */
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
            return awaitReady(supervisor, method, params, waits).thenComposeAsync(ready -> route(server, method, params, stream, waits + 1));
        }
        ServingLease lease = serving.get();
        String progressToken = routeProgress(params, stream);
        int timeoutSecs = lease.toolTimeoutSecs();
        long started = System.nanoTime();
        ObservedCall observed = stream.observed().upstream(server, lease.instance(), method, params);
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
            McpError error = failure == null ? null : serverError(server, method, timeoutSecs, failure);
            metrics.called(server, method, params, System.nanoTime() - started, result, error);
            observed.end(failure);
            if (error != null) {
                throw error;
            }
            return result;
        });
    }

    /**
     * A call to a server between instances (a stop-first restart, a start) waits up to the
     * server's {@code tool_timeout_secs} for it to be READY. One that is down (BACKOFF after a
     * crash, FAILED) fails at once, as does a wait that ends with the server down: waiting out a
     * backoff of up to a minute, or a remote server away for longer, would only hold the client.
     */
    private CompletableFuture<Void> awaitReady(ServerSupervisor supervisor, String method, JsonNode params, int waits) {
        String server = supervisor.name();
        ServerStatus status = supervisor.status();
        if (!ReadyWaiters.worthWaiting(status.state()) || waits >= MAX_WAITS) {
            McpError error = notServing(status);
            metrics.called(server, method, params, 0, null, error);
            return CompletableFuture.failedFuture(error);
        }
        int timeoutSecs = supervisor.spec().toolTimeoutSecs();
        CompletableFuture<Void> ready = waiters.await(server);
        // It may have become READY (or gone down) before the waiter was registered.
        ServerState now = supervisor.state();
        if (now == ServerState.READY) {
            ready.complete(null);
        } else if (!ReadyWaiters.worthWaiting(now)) {
            ready.completeExceptionally(notServing(supervisor.status()));
        }
        return ready.orTimeout(timeoutSecs, TimeUnit.SECONDS).exceptionally(failure -> {
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
            McpError error;
            if (cause instanceof McpError refused) {
                ServerStatus down = supervisor.status();
                error = down.state() == ServerState.BACKOFF || down.state() == ServerState.FAILED
                        || down.state() == ServerState.NEEDS_AUTH ? notServing(down) : refused;
            } else {
                error = new McpError(McpError.REQUEST_TIMEOUT, "server '" + server + "' did not become READY within "
                        + timeoutSecs + " s (tool_timeout_secs); it is " + supervisor.state());
            }
            metrics.called(server, method, params, 0, null, error);
            throw error;
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
}
