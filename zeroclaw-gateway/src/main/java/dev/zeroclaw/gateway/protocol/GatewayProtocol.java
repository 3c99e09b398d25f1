package dev.zeroclaw.gateway.protocol;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zeroclaw.gateway.deferred.DeferredTools;
import dev.zeroclaw.gateway.lists.ListKind;
import dev.zeroclaw.gateway.lists.ListUnion;
import dev.zeroclaw.gateway.observe.ClientRequest;
import dev.zeroclaw.gateway.observe.ObservedRequest;
import dev.zeroclaw.gateway.observe.RequestObserver;
import dev.zeroclaw.gateway.relay.LogLevel;
import dev.zeroclaw.gateway.relay.ServerRequestRelay;
import dev.zeroclaw.gateway.routing.CallRouter;
import dev.zeroclaw.gateway.routing.ResourceSubscriptions;
import dev.zeroclaw.gateway.session.CallStream;
import dev.zeroclaw.gateway.session.GatewaySession;
import dev.zeroclaw.gateway.view.BundleViews;
import dev.zeroclaw.gateway.view.ClientView;
import dev.zeroclaw.mcp.McpError;
import java.util.concurrent.CompletableFuture;

/**
 * The MCP server the gateway is, over the servers the daemon supervises: each client method goes
 * to the part that does it ({@link GatewayHandshake}, {@link ListUnion}, {@link CallRouter},
 * {@link ResourceSubscriptions}, {@link ServerRequestRelay}); a deferred session's tools go through
 * {@link DeferredTools}. An {@link McpError} any of them
 * throws becomes the failed answer.
 */
public final class GatewayProtocol {

    private final GatewayHandshake handshake;
    private final ListUnion lists;
    private final CallRouter calls;
    private final ResourceSubscriptions subscriptions;
    private final ServerRequestRelay relay;
    private final DeferredTools deferred;
    private final ObjectMapper json;
    private final BundleViews views;
    private final RequestObserver observer;

    /** @param views what each session sees: the whole gateway, or its bundle's view */
    public GatewayProtocol(GatewayHandshake handshake, ListUnion lists, CallRouter calls, ResourceSubscriptions subscriptions,
            ServerRequestRelay relay, DeferredTools deferred, ObjectMapper json, BundleViews views) {
        this(handshake, lists, calls, subscriptions, relay, deferred, json, views, RequestObserver.NONE);
    }

    /** @param observer hears each request's start, its calls to servers and its end (audit log, traces) */
    public GatewayProtocol(GatewayHandshake handshake, ListUnion lists, CallRouter calls, ResourceSubscriptions subscriptions,
            ServerRequestRelay relay, DeferredTools deferred, ObjectMapper json, BundleViews views, RequestObserver observer) {
        this.observer = requireNonNull(observer, "observer is null");
        this.handshake = requireNonNull(handshake, "handshake is null");
        this.lists = requireNonNull(lists, "lists is null");
        this.calls = requireNonNull(calls, "calls is null");
        this.subscriptions = requireNonNull(subscriptions, "subscriptions is null");
        this.relay = requireNonNull(relay, "relay is null");
        this.deferred = requireNonNull(deferred, "deferred is null");
        this.json = requireNonNull(json, "json is null");
        this.views = requireNonNull(views, "views is null");
    }

    /** The {@code initialize} result for a session that speaks {@code protocolVersion} ({@link GatewayHandshake#negotiate}). */
    public JsonNode initializeResult(String protocolVersion) {
        return handshake.initializeResult(protocolVersion);
    }

    /**
     * Answers one client request (not {@code initialize}, which the endpoint handles).
     *
     * @param session the client's session
     * @param stream the request's response, where the messages about the call (progress, the
     *     server's requests) go before its answer
     */
    public CompletableFuture<JsonNode> handle(GatewaySession session, String method, JsonNode params, CallStream stream) {
        if (observer == RequestObserver.NONE) {
            return answer(session, method, params, stream);
        }
        ObservedRequest observed = observer.start(new ClientRequest(session.id(), session.clientName(), session.clientVersion(),
                session.protocolVersion(), method, params, stream.requestId(), session.bundle()));
        if (observed == ObservedRequest.NONE) {
            return answer(session, method, params, stream);
        }
        stream.observed(observed);
        CompletableFuture<JsonNode> answer = answer(session, method, params, stream);
        answer.whenComplete(observed::end);
        return answer;
    }

    private CompletableFuture<JsonNode> answer(GatewaySession session, String method, JsonNode params, CallStream stream) {
        try {
            // Read at each request from the live config: a reload's bundle change applies to the next one.
            ClientView view = views.view(session);
            return switch (method) {
                case "ping" -> CompletableFuture.completedFuture(json.createObjectNode());
                case "logging/setLevel" -> setLogLevel(session, params);
                case "tools/list" -> deferred.deferred(view) ? deferred.list() : lists.page(ListKind.TOOLS, params, view);
                case "resources/list" -> lists.page(ListKind.RESOURCES, params, view);
                case "resources/templates/list" -> lists.page(ListKind.RESOURCE_TEMPLATES, params, view);
                case "prompts/list" -> lists.page(ListKind.PROMPTS, params, view);
                case "tools/call" -> deferred.deferred(view)
                        ? deferred.call(params, () -> lists.visible(ListKind.TOOLS, view),
                                call -> calls.callByName(method, call, stream, view))
                        : calls.callByName(method, params, stream, view);
                case "prompts/get" -> calls.callByName(method, params, stream, view);
                case "resources/read" -> calls.readResource(params, stream, view);
                case "resources/subscribe" -> subscriptions.subscribe(session, calls.resourceUri(params, view));
                case "resources/unsubscribe" -> subscriptions.unsubscribe(session, calls.resourceUri(params));
                case "completion/complete" -> calls.complete(params, stream, view);
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
    public void fromClient(GatewaySession session, JsonNode message) {
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
}
