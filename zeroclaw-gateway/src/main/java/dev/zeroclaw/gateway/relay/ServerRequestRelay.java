package dev.zeroclaw.gateway.relay;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.zeroclaw.gateway.session.CallStream;
import dev.zeroclaw.gateway.session.GatewaySession;
import dev.zeroclaw.mcp.McpError;
import dev.zeroclaw.mcp.McpSession;
import dev.zeroclaw.supervisor.LogRateLimit;
import dev.zeroclaw.supervisor.ServingLease;
import dev.zeroclaw.supervisor.SupervisorContext.ServerRequests;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Passes a server's requests to its client ({@code sampling/createMessage},
 * {@code elicitation/create}, {@code roots/list}) and the client's cancellations to the server.
 *
 * <p>A request from a stdio server names no client call, so the rule is: the request is for the
 * client whose calls are in flight at that server instance. When they come from several clients,
 * or there is none, or the client did not declare the capability the request needs, the server is
 * answered with an error that says so. The request goes on the stream of the client's call (the
 * response turns into an event stream), else on the client's GET stream; the wait for the answer
 * is bounded by the server's {@code tool_timeout_secs}.
 */
public final class ServerRequestRelay implements ServerRequests {

    /** The requests passed on, each with the client capability it needs. */
    static final Map<String, String> CAPABILITIES = Map.of(
            "sampling/createMessage", "sampling",
            "elicitation/create", "elicitation",
            "roots/list", "roots");

    private static final Logger log = LoggerFactory.getLogger(ServerRequestRelay.class);

    private record Instance(String server, long number) {}

    private final ObjectMapper json;
    private final RelayedRequests relayed = new RelayedRequests();
    // The gateway's calls in flight by server instance; each list is immutable and replaced under compute().
    private final Map<Instance, List<Call>> inFlight = new ConcurrentHashMap<>();
    // A limit per server on the lines about its requests, so that one flooding requests cannot flood the log.
    private final Map<String, LogRateLimit> requestLines = new ConcurrentHashMap<>();

    public ServerRequestRelay(ObjectMapper json) {
        this.json = requireNonNull(json, "json is null");
    }

    /**
     * One client call in flight at one server instance. The upstream request and the cancellation
     * are guarded by {@code this}, since a cancellation may arrive before the request is sent.
     */
    public final class Call {

        private final Instance instance;
        private final CallStream stream;
        private final McpSession upstream;
        private final int timeoutSecs;
        private CompletableFuture<JsonNode> answer;
        private String cancelReason;

        private Call(Instance instance, CallStream stream, McpSession upstream, int timeoutSecs) {
            this.instance = instance;
            this.stream = stream;
            this.upstream = upstream;
            this.timeoutSecs = timeoutSecs;
        }

        /** Sends the call's request to the server; the answer is bounded by {@code timeout}. */
        public CompletableFuture<JsonNode> request(String method, JsonNode params, Duration timeout) {
            CompletableFuture<JsonNode> sent = upstream.request(method, params, timeout);
            String reason;
            synchronized (this) {
                answer = sent;
                reason = cancelReason;
            }
            if (reason != null) {
                upstream.cancel(sent, reason);
            }
            return sent;
        }

        /** The call is over (answered, failed or cancelled); requests from its server no longer reach its client. */
        public void close() {
            inFlight.computeIfPresent(instance, (key, calls) -> {
                List<Call> rest = new ArrayList<>(calls);
                rest.remove(this);
                return rest.isEmpty() ? null : List.copyOf(rest);
            });
        }

        private void cancel(String reason) {
            CompletableFuture<JsonNode> sent;
            synchronized (this) {
                if (cancelReason != null) {
                    return;
                }
                cancelReason = reason;
                sent = answer;
            }
            stream.cancel();
            if (sent != null) {
                upstream.cancel(sent, reason);
            }
        }
    }

    /** Registers a call before its request goes out, so a request the server sends at once finds its client. */
    public Call open(ServingLease lease, CallStream stream) {
        Call call = new Call(new Instance(lease.server(), lease.instance()), requireNonNull(stream, "stream is null"),
                lease.session(), lease.toolTimeoutSecs());
        inFlight.compute(call.instance, (key, calls) -> {
            List<Call> next = calls == null ? new ArrayList<>() : new ArrayList<>(calls);
            next.add(call);
            return List.copyOf(next);
        });
        return call;
    }

    @Override
    public CompletableFuture<JsonNode> requested(String server, long instance, String method, JsonNode params) {
        String capability = CAPABILITIES.get(method);
        if (capability == null) {
            return McpSession.refuse(method, params);
        }
        List<Call> calls = inFlight.getOrDefault(new Instance(server, instance), List.of());
        GatewaySession client;
        try {
            client = clientFor(server, method, calls.stream().map(call -> call.stream.session()).toList());
        } catch (McpError refused) {
            logAsked(server, "server={} asked {}; refused: {}", server, method, refused.getMessage());
            return CompletableFuture.failedFuture(refused);
        }
        Call call = calls.stream().filter(candidate -> candidate.stream.session() == client).findFirst().orElseThrow();
        RelayedRequests.Relayed request = relayed.open(client);
        ObjectNode message = json.createObjectNode().put("jsonrpc", "2.0").put("id", request.id()).put("method", method);
        if (params.isObject()) {
            // Absent stays absent: clients reject "params": null (roots/list usually has none).
            message.set("params", params);
        }
        if (!deliver(call, message.toString())) {
            request.answer().cancel(false);
            McpError unheard = new McpError(McpError.INTERNAL_ERROR, "zeroclaw cannot relay " + method + " from server '" + server
                    + "': its client has no open stream to receive it (the call's response and the session's GET stream are closed)");
            logAsked(server, "server={} asked {}; refused: {}", server, method, unheard.getMessage());
            return CompletableFuture.failedFuture(unheard);
        }
        logAsked(server, "server={} asked {}; relayed to session={} as id={}", server, method, client.id().substring(0, 8), request.id());
        return awaitClient(call, request, server, method);
    }

    /** One line about a server's request, unless that server asks too much; then one line says how much was left out. */
    private void logAsked(String server, String format, Object... arguments) {
        LogRateLimit limit = requestLines.computeIfAbsent(server, key -> LogRateLimit.perServer());
        long suppressed = limit.admit();
        if (suppressed == LogRateLimit.SUPPRESS) {
            return;
        }
        if (suppressed > 0) {
            log.info("server={} suppressed {} lines about its requests ({})", server, suppressed, limit.describe());
        }
        log.info(format, arguments);
    }

    /**
     * The rule: the one client all of the instance's calls in flight come from, provided it declared
     * the capability the request needs. Otherwise an {@link McpError} the server is answered with.
     */
    static GatewaySession clientFor(String server, String method, Collection<GatewaySession> callers) {
        Set<GatewaySession> clients = new LinkedHashSet<>(callers);
        String refused = "zeroclaw cannot relay " + method + " from server '" + server + "': ";
        if (clients.isEmpty()) {
            throw new McpError(McpError.INTERNAL_ERROR, refused + "no client call to this server is in flight,"
                    + " so there is no client to ask");
        }
        if (clients.size() > 1) {
            throw new McpError(McpError.INTERNAL_ERROR, refused + "calls from " + clients.size() + " clients are in flight"
                    + " at this server, and zeroclaw cannot tell which client the request is for");
        }
        GatewaySession client = clients.iterator().next();
        String capability = CAPABILITIES.getOrDefault(method, method);
        if (!client.declares(capability)) {
            // Not the client's name: that is the client's own text, and this message is also logged.
            throw new McpError(McpError.METHOD_NOT_FOUND, refused + "the client did not declare the '" + capability
                    + "' capability in its initialize");
        }
        return client;
    }

    /**
     * A server's log message ({@code notifications/message}): relayed, with the server's name in
     * {@code logger}, to the one client whose calls are in flight at the server, if its level lets
     * it through. With no call in flight, or calls from several clients, it stays in the daemon's
     * log only: the upstream session is shared, so there is no telling whom it is for.
     *
     * @return true when a client got it
     */
    public boolean logged(String server, JsonNode params) {
        List<Call> calls = inFlight.entrySet().stream().filter(entry -> entry.getKey().server().equals(server))
                .flatMap(entry -> entry.getValue().stream()).toList();
        Set<GatewaySession> clients = new LinkedHashSet<>();
        calls.forEach(call -> clients.add(call.stream.session()));
        if (clients.size() != 1) {
            return false;
        }
        GatewaySession client = clients.iterator().next();
        if (!LogLevel.passes(params.path("level").asText("info"), client.logLevel())) {
            return false;
        }
        ObjectNode copy = params.isObject() ? ((ObjectNode) params).deepCopy() : json.createObjectNode();
        String logger = params.path("logger").asText("");
        copy.put("logger", logger.isEmpty() ? server : server + "/" + logger);
        ObjectNode message = json.createObjectNode().put("jsonrpc", "2.0").put("method", "notifications/message");
        message.set("params", copy);
        return deliver(calls.get(0), message.toString());
    }

    /** A client's JSON-RPC response; true when it answered a request relayed to it. */
    public boolean answered(GatewaySession client, JsonNode response) {
        return relayed.answer(client, response);
    }

    /**
     * A client's {@code notifications/cancelled}: its call with that request id is cancelled at the
     * server (with the server's own request id) and gets no answer.
     */
    public void cancelled(GatewaySession client, JsonNode params) {
        JsonNode requestId = params.path("requestId");
        String reason = params.path("reason").asText("cancelled by the client");
        for (List<Call> calls : inFlight.values()) {
            for (Call call : calls) {
                if (call.stream.session() == client && call.stream.requestId().equals(requestId)) {
                    call.cancel(reason);
                }
            }
        }
    }

    /** Waits for the client's answer, bounded by the server's tool timeout; tells the client when the wait ends without one. */
    private CompletableFuture<JsonNode> awaitClient(Call call, RelayedRequests.Relayed request, String server, String method) {
        CompletableFuture<JsonNode> result = new CompletableFuture<>();
        request.answer().orTimeout(call.timeoutSecs, TimeUnit.SECONDS).whenComplete((value, failure) -> {
            if (failure == null) {
                result.complete(value);
                return;
            }
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
            if (cause instanceof TimeoutException) {
                tellCancelled(call, request.id(), "no answer within " + call.timeoutSecs + " s (tool_timeout_secs)");
                result.completeExceptionally(new McpError(McpError.REQUEST_TIMEOUT, "the client did not answer " + method
                        + " within " + call.timeoutSecs + " s (tool_timeout_secs of server '" + server + "')"));
            } else {
                result.completeExceptionally(cause);
            }
        });
        // The session cancels the future when the server cancels its request.
        result.whenComplete((value, failure) -> {
            if (result.isCancelled() && request.answer().cancel(false)) {
                tellCancelled(call, request.id(), "server '" + server + "' cancelled it");
            }
        });
        return result;
    }

    private void tellCancelled(Call call, String id, String reason) {
        ObjectNode message = json.createObjectNode().put("jsonrpc", "2.0").put("method", "notifications/cancelled");
        message.putObject("params").put("requestId", id).put("reason", reason);
        deliver(call, message.toString());
    }

    /** On the call's own stream when it can take it, else on the client's GET stream. */
    private static boolean deliver(Call call, String message) {
        return call.stream.send(message) || call.stream.session().sendNow(message);
    }
}
