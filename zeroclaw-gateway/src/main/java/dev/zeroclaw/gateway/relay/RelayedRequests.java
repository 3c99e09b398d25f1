package dev.zeroclaw.gateway.relay;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.zeroclaw.gateway.session.GatewaySession;
import dev.zeroclaw.mcp.McpError;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The servers' requests the gateway passed on to clients and still waits on. Each gets an id of
 * the gateway's own, since two servers may use the same id for requests to one client; the
 * client's response is matched by that id and accepted only from the session it was sent to.
 */
final class RelayedRequests {

    static final String ID_PREFIX = "zeroclaw-relay-";

    /** One request sent to a client; {@code answer} completes with its result or fails with its {@link McpError}. */
    record Relayed(String id, GatewaySession client, CompletableFuture<JsonNode> answer) {}

    private final AtomicLong next = new AtomicLong(1);
    private final Map<String, Relayed> waiting = new ConcurrentHashMap<>();

    /** A fresh id for a request to {@code client}; it is forgotten once its answer completes, however. */
    Relayed open(GatewaySession client) {
        Relayed relayed = new Relayed(ID_PREFIX + next.getAndIncrement(), requireNonNull(client, "client is null"),
                new CompletableFuture<>());
        waiting.put(relayed.id(), relayed);
        relayed.answer().whenComplete((result, failure) -> waiting.remove(relayed.id(), relayed));
        return relayed;
    }

    /**
     * A JSON-RPC response from {@code from} ({@code id} with {@code result} or {@code error});
     * true when it answered a request sent to that client and still waiting.
     */
    boolean answer(GatewaySession from, JsonNode response) {
        JsonNode id = response.path("id");
        Relayed relayed = id.isTextual() ? waiting.get(id.asText()) : null;
        if (relayed == null || relayed.client() != from) {
            return false;
        }
        JsonNode error = response.get("error");
        if (error != null && !error.isNull()) {
            return relayed.answer().completeExceptionally(new McpError(error.path("code").asInt(McpError.INTERNAL_ERROR),
                    error.path("message").asText("the client answered an error without a message")));
        }
        return relayed.answer().complete(response.path("result"));
    }

    /** Requests still waiting for an answer. */
    int size() {
        return waiting.size();
    }
}
