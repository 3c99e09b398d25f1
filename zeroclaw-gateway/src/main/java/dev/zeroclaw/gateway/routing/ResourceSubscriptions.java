package dev.zeroclaw.gateway.routing;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.zeroclaw.gateway.session.GatewaySession;
import dev.zeroclaw.mcp.McpError;
import dev.zeroclaw.supervisor.ServerRegistry;
import dev.zeroclaw.supervisor.ServerSupervisor;
import dev.zeroclaw.supervisor.ServingLease;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Clients' resource subscriptions ({@code resources/subscribe}), kept per server and original URI.
 * The gateway holds one upstream session per server, so it subscribes there once per URI, fans a
 * server's {@code notifications/resources/updated} out to every subscribed client under the
 * gateway's URI, and unsubscribes upstream when the last client has. When a server gets a new
 * instance (a restart, a reload), the new instance is subscribed to the same URIs, so clients keep
 * hearing updates across reloads without doing anything.
 *
 * <p>The map is guarded by {@code this}; upstream requests are sent outside the lock.
 */
public final class ResourceSubscriptions {

    private static final Logger log = LoggerFactory.getLogger(ResourceSubscriptions.class);

    // A provider: the registry tells the ListChangeNotifier, which tells this, of its servers.
    private final Supplier<ServerRegistry> registry;
    private final ObjectMapper json;
    // server -> original URI -> subscribed client sessions
    private final Map<String, Map<String, Set<GatewaySession>>> subscribers = new HashMap<>();

    public ResourceSubscriptions(Supplier<ServerRegistry> registry, ObjectMapper json) {
        this.registry = requireNonNull(registry, "registry is null");
        this.json = requireNonNull(json, "json is null");
    }

    /** Subscribes {@code session} to {@code uri}; completes once the server has accepted it. */
    public CompletableFuture<JsonNode> subscribe(GatewaySession session, ResourceUri uri) {
        ServingLease lease = lease(uri.server());
        if (!lease.capabilities().path("resources").path("subscribe").asBoolean(false)) {
            lease.close();
            throw new McpError(McpError.INVALID_PARAMS, "server '" + uri.server() + "' does not offer resource subscriptions");
        }
        return upstream(lease, "resources/subscribe", uri.original()).thenApply(result -> {
            synchronized (this) {
                subscribers.computeIfAbsent(uri.server(), server -> new HashMap<>())
                        .computeIfAbsent(uri.original(), original -> new LinkedHashSet<>())
                        .add(session);
            }
            return json.createObjectNode();
        });
    }

    /** Ends {@code session}'s subscription; the server hears it when no client is left on the URI. */
    public CompletableFuture<JsonNode> unsubscribe(GatewaySession session, ResourceUri uri) {
        boolean last;
        synchronized (this) {
            Map<String, Set<GatewaySession>> byUri = subscribers.getOrDefault(uri.server(), Map.of());
            Set<GatewaySession> sessions = byUri.get(uri.original());
            if (sessions == null || !sessions.remove(session)) {
                return CompletableFuture.completedFuture(json.createObjectNode());
            }
            last = sessions.isEmpty();
            if (last) {
                byUri.remove(uri.original());
            }
        }
        if (!last) {
            return CompletableFuture.completedFuture(json.createObjectNode());
        }
        Optional<ServingLease> lease = registry.get().find(uri.server()).flatMap(ServerSupervisor::serve);
        // A server that is gone or not serving has no subscription left to end.
        return lease.map(serving -> upstream(serving, "resources/unsubscribe", uri.original())
                        .handle((result, failure) -> (JsonNode) json.createObjectNode()))
                .orElseGet(() -> CompletableFuture.completedFuture(json.createObjectNode()));
    }

    /** A server's {@code notifications/resources/updated}, passed to its subscribers under the gateway's URI. */
    public void updated(String server, JsonNode params) {
        String original = params.path("uri").asText(null);
        if (original == null) {
            return;
        }
        List<GatewaySession> targets;
        synchronized (this) {
            Set<GatewaySession> sessions = subscribers.getOrDefault(server, Map.of()).get(original);
            if (sessions == null) {
                return;
            }
            sessions.removeIf(GatewaySession::isClosed);
            targets = new ArrayList<>(sessions);
        }
        ObjectNode copy = params.deepCopy();
        copy.put("uri", new ResourceUri(server, original).qualified(registry.get().prefixes()));
        ObjectNode message = json.createObjectNode().put("jsonrpc", "2.0").put("method", "notifications/resources/updated");
        message.set("params", copy);
        String text = message.toString();
        targets.forEach(session -> session.send(text));
    }

    /** {@code server} has a new serving instance: subscribe it to what clients are subscribed to. */
    public void renew(String server) {
        List<String> uris;
        synchronized (this) {
            Map<String, Set<GatewaySession>> byUri = subscribers.getOrDefault(server, Map.of());
            byUri.values().forEach(sessions -> sessions.removeIf(GatewaySession::isClosed));
            byUri.values().removeIf(Set::isEmpty);
            uris = List.copyOf(byUri.keySet());
        }
        for (String uri : uris) {
            Optional<ServingLease> lease = registry.get().find(server).flatMap(ServerSupervisor::serve);
            if (lease.isEmpty()) {
                return;
            }
            upstream(lease.get(), "resources/subscribe", uri).whenComplete((result, failure) -> {
                if (failure != null) {
                    log.warn("server={} did not renew the subscription to a resource: {}", server, failure.getMessage());
                }
            });
        }
    }

    private ServingLease lease(String server) {
        ServerSupervisor supervisor = registry.get().find(server).orElseThrow(() -> CallRouter.noSuchServer(server));
        return supervisor.serve().orElseThrow(() -> CallRouter.notServing(supervisor.status()));
    }

    private CompletableFuture<JsonNode> upstream(ServingLease lease, String method, String uri) {
        ObjectNode params = json.createObjectNode().put("uri", uri);
        CompletableFuture<JsonNode> answer;
        try {
            answer = lease.session().request(method, params, Duration.ofSeconds(lease.toolTimeoutSecs()));
        } catch (RuntimeException e) {
            answer = CompletableFuture.failedFuture(e);
        }
        return answer.handle((result, failure) -> {
            lease.close();
            if (failure != null) {
                throw CallRouter.serverError(lease.server(), method, lease.toolTimeoutSecs(), failure);
            }
            return result;
        });
    }
}
