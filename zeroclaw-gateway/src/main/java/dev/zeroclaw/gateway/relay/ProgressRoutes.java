package dev.zeroclaw.gateway.relay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.zeroclaw.gateway.session.CallStream;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Routes a server's {@code notifications/progress} back to the client request that asked for it.
 * Two clients may pick the same {@code progressToken}, so a routed request carries a token of the
 * gateway's own; the client gets its own token back on each notification.
 */
public final class ProgressRoutes {

    private record Route(JsonNode clientToken, CallStream stream) {}

    private final AtomicLong next = new AtomicLong(1);
    private final Map<String, Route> routes = new ConcurrentHashMap<>();

    public ProgressRoutes() {}

    /** A fresh token whose progress goes to {@code stream} as {@code clientToken}; {@link #close} it after the call. */
    public String open(JsonNode clientToken, CallStream stream) {
        String token = "zeroclaw-progress-" + next.getAndIncrement();
        routes.put(token, new Route(clientToken.deepCopy(), stream));
        return token;
    }

    public void close(String token) {
        routes.remove(token);
    }

    /** Delivers one progress notification from a server, if a client still waits for it. */
    public void deliver(ObjectMapper json, JsonNode params) {
        Route route = routes.get(params.path("progressToken").asText(""));
        if (route == null) {
            return;
        }
        ObjectNode copy = params.deepCopy();
        copy.set("progressToken", route.clientToken());
        ObjectNode message = json.createObjectNode().put("jsonrpc", "2.0").put("method", "notifications/progress");
        message.set("params", copy);
        route.stream().send(message.toString());
    }
}
