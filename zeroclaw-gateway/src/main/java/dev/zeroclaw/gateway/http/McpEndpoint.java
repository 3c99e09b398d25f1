package dev.zeroclaw.gateway.http;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zeroclaw.api.McpBundle;
import dev.zeroclaw.gateway.metrics.GatewayMetrics;
import dev.zeroclaw.gateway.protocol.GatewayHandshake;
import dev.zeroclaw.gateway.protocol.GatewayProtocol;
import dev.zeroclaw.gateway.protocol.JsonRpcEnvelope;
import dev.zeroclaw.gateway.session.CallStream;
import dev.zeroclaw.gateway.session.GatewaySession;
import dev.zeroclaw.gateway.session.GatewaySessions;
import dev.zeroclaw.gateway.session.SseStream;
import dev.zeroclaw.gateway.view.BundleViews;
import dev.zeroclaw.mcp.JsonRpcMessages;
import dev.zeroclaw.mcp.McpError;
import dev.zeroclaw.mcp.McpSession;
import dev.zeroclaw.supervisor.ServerRegistry;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.BooleanSupplier;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's HTTP surface: MCP Streamable HTTP at {@code /mcp}, and at {@code /mcp/<alias>} for
 * a bundle's view (revisions 2025-06-18 and
 * 2025-11-25: POST answered as JSON or as an event stream, GET for the session's notification
 * stream, DELETE to end a session), {@code /healthz} and {@code /metrics}. With a bearer token
 * (the default), every request must carry it: the gateway's token opens every path; a bundle's
 * own token ({@code auth_token_env}) opens that bundle's view on any MCP path, and nothing else. With
 * {@code oauth_issuer}, a JWT access token of that issuer opens the gateway too ({@link ProtectedResource}), and
 * the 401 and {@code /.well-known/oauth-protected-resource} tell MCP clients where to get one.
 *
 * <p>Nothing here blocks a Jetty thread while a server works: answers complete asynchronously.
 */
final class McpEndpoint extends Handler.Abstract {

    static final String SESSION_HEADER = "Mcp-Session-Id";
    static final String VERSION_HEADER = "MCP-Protocol-Version";
    /** The code MCP's SDKs answer an unknown session with. */
    static final int SESSION_NOT_FOUND = -32001;
    /** A JSON-RPC message larger than this is refused (413). */
    static final int MAX_BODY_BYTES = 4 * 1024 * 1024;

    private static final Logger log = LoggerFactory.getLogger(McpEndpoint.class);

    private final GatewayProtocol protocol;
    private final GatewaySessions sessions;
    private final GatewayMetrics metrics;
    private final ServerRegistry registry;
    private final ObjectMapper json;
    private final JsonRpcMessages messages;
    private final Optional<BearerCheck> bearer;
    private final BooleanSupplier ready;
    private final boolean loopback;
    private final BundleViews views;
    private final Optional<ProtectedResource> oauth;

    McpEndpoint(GatewayProtocol protocol, GatewaySessions sessions, GatewayMetrics metrics, ServerRegistry registry,
            ObjectMapper json, Optional<String> token, BooleanSupplier ready, boolean loopback, BundleViews views,
            Optional<ProtectedResource> oauth) {
        this.views = requireNonNull(views, "views is null");
        this.oauth = requireNonNull(oauth, "oauth is null");
        this.protocol = requireNonNull(protocol, "protocol is null");
        this.sessions = requireNonNull(sessions, "sessions is null");
        this.metrics = requireNonNull(metrics, "metrics is null");
        this.registry = requireNonNull(registry, "registry is null");
        this.json = requireNonNull(json, "json is null");
        this.messages = new JsonRpcMessages(json);
        this.bearer = requireNonNull(token, "token is null").map(BearerCheck::new);
        this.ready = requireNonNull(ready, "ready is null");
        this.loopback = loopback;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String refusal = RequestOrigin.refusal(loopback, request.getHeaders().get(HttpHeader.HOST),
                request.getHeaders().get(HttpHeader.ORIGIN));
        if (refusal != null) {
            writeText(response, callback, HttpStatus.FORBIDDEN_403, refusal + "\n");
            return true;
        }
        String path = Request.getPathInContext(request);
        if (oauth.isPresent() && ProtectedResource.isMetadataPath(path)) {
            // Public by design (RFC 9728): how a client finds the issuer before it has a token.
            writeJson(response, callback, HttpStatus.OK_200, oauth.get().metadata(json, views.all()));
            return true;
        }
        String authorization = request.getHeaders().get(HttpHeader.AUTHORIZATION);
        boolean gatewayToken = bearer.isPresent() && bearer.get().accepts(authorization);
        // A bundle's token opens that bundle's view on any MCP path, and nothing else (with auth = "none" too).
        Optional<McpBundle> byToken = gatewayToken || authorization == null ? Optional.empty() : views.all().stream()
                .filter(bundle -> bundle.authToken().map(BearerCheck::new).filter(check -> check.accepts(authorization))
                        .isPresent())
                .findFirst();
        boolean mcpPath = path.equals("/mcp") || path.startsWith("/mcp/");
        if (!gatewayToken && byToken.isEmpty() && oauth.isPresent()) {
            Optional<Set<String>> scopes = oauth.get().scopes(authorization);
            Optional<String> bundle = scopes.flatMap(granted -> ProtectedResource.bundleOf(granted, views.all()));
            if (bundle.isPresent() && mcpPath) {
                mcp(request, response, callback, bundle); // as that bundle's own token: its view, nothing else
                return true;
            }
            if (scopes.isPresent() && bundle.isEmpty() && !oauth.get().opensGateway(scopes.get())) {
                insufficientScope(response, callback);
                return true;
            }
            gatewayToken = scopes.isPresent() && bundle.isEmpty(); // no bundle's scope: as the gateway's token
        }
        if (byToken.isPresent() && mcpPath) {
            mcp(request, response, callback, Optional.of(byToken.get().alias()));
            return true;
        }
        if (!gatewayToken && bearer.isPresent()) {
            unauthorized(response, callback, authorization != null);
            return true;
        }
        if (mcpPath) {
            Optional<String> alias = path.equals("/mcp") ? Optional.empty() : Optional.of(path.substring("/mcp/".length()));
            if (bearer.isEmpty() && alias.flatMap(views::find).flatMap(McpBundle::authToken).isPresent()) {
                // auth = "none" opens the gateway, not a bundle that asks for its own token.
                unauthorized(response, callback, authorization != null);
                return true;
            }
            mcp(request, response, callback, alias);
            return true;
        }
        switch (path) {
            case "/healthz" -> health(request, response, callback);
            case "/metrics" -> metrics(request, response, callback);
            default -> writeText(response, callback, HttpStatus.NOT_FOUND_404,
                    "not found; the MCP endpoint is /mcp (a bundle's: /mcp/<alias>)\n");
        }
        return true;
    }

    private void insufficientScope(Response response, Callback callback) {
        ProtectedResource resource = oauth.orElseThrow();
        response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, resource.insufficientScope());
        writeText(response, callback, HttpStatus.FORBIDDEN_403, "the access token lacks the gateway's scope '"
                + resource.scope().orElse("") + "' ([mcp.gateway] oauth_scope) and every bundle's oauth_scope\n");
    }

    private void unauthorized(Response response, Callback callback, boolean tokenSent) {
        response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE,
                oauth.map(resource -> resource.challenge(tokenSent)).orElse("Bearer realm=\"zeroclaw\""));
        writeText(response, callback, HttpStatus.UNAUTHORIZED_401, "a bearer token is required (Authorization: Bearer ...)"
                + oauth.map(resource -> "; an OAuth access token of " + resource.issuer() + " for " + resource.resource()
                        + " is one").orElse("") + "\n");
    }

    /**
     * Whether a request for the view of {@code bundle} may go on; when not, its 404 is written. An
     * unknown alias is refused unless the request belongs to a session of that bundle, which then
     * hears that a reload removed it.
     */
    private boolean bundleKnown(Request request, Response response, Callback callback, Optional<String> bundle) {
        if (bundle.isEmpty() || views.find(bundle.get()).isPresent()) {
            return true;
        }
        String id = request.getHeaders().get(SESSION_HEADER);
        if (id != null && sessions.find(id).filter(session -> session.bundle().equals(bundle)).isPresent()) {
            return true;
        }
        List<String> aliases = views.all().stream().map(McpBundle::alias).toList();
        writeRpcError(response, callback, HttpStatus.NOT_FOUND_404, null, McpError.INVALID_REQUEST, "no bundle '" + bundle.get()
                + "' is configured ([mcp_bundles." + bundle.get() + "]); the gateway serves /mcp"
                + (aliases.isEmpty() ? "" : " and /mcp/<alias> for: " + String.join(", ", aliases)));
        return false;
    }

    private void health(Request request, Response response, Callback callback) {
        if (ready.getAsBoolean()) {
            writeText(response, callback, HttpStatus.OK_200, "ready\n");
        } else {
            writeText(response, callback, HttpStatus.SERVICE_UNAVAILABLE_503, "starting\n");
        }
    }

    private void metrics(Request request, Response response, Callback callback) {
        response.setStatus(HttpStatus.OK_200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, GatewayMetrics.CONTENT_TYPE);
        Content.Sink.write(response, true, metrics.render(registry.statuses(), sessions.size()), callback);
    }

    /** @param bundle the view the request asks for: its path's alias, or its token's bundle; empty for all */
    private void mcp(Request request, Response response, Callback callback, Optional<String> bundle) {
        if (!bundleKnown(request, response, callback, bundle)) {
            return;
        }
        switch (request.getMethod()) {
            case "POST" -> Content.Source.asByteArrayAsync(request, MAX_BODY_BYTES).whenComplete((body, failure) -> {
                if (failure != null) {
                    writeRpcError(response, callback, HttpStatus.PAYLOAD_TOO_LARGE_413, null, McpError.INVALID_REQUEST,
                            "the request body could not be read or exceeds " + MAX_BODY_BYTES + " bytes");
                } else {
                    post(request, response, callback, body, bundle);
                }
            });
            case "GET" -> openStream(request, response, callback, bundle);
            case "DELETE" -> session(request, response, callback, bundle).ifPresent(session -> {
                sessions.remove(session);
                response.setStatus(HttpStatus.OK_200);
                callback.succeeded();
            });
            default -> {
                response.getHeaders().put(HttpHeader.ALLOW, "GET, POST, DELETE");
                writeText(response, callback, HttpStatus.METHOD_NOT_ALLOWED_405, "use POST, GET or DELETE\n");
            }
        }
    }

    private void post(Request request, Response response, Callback callback, byte[] body, Optional<String> bundle) {
        JsonNode message;
        try {
            message = json.readTree(body);
        } catch (java.io.IOException e) {
            writeRpcError(response, callback, HttpStatus.BAD_REQUEST_400, null, McpError.PARSE_ERROR, "the body is not JSON");
            return;
        }
        if (message == null || !message.isObject()) {
            writeRpcError(response, callback, HttpStatus.BAD_REQUEST_400, null, McpError.INVALID_REQUEST,
                    message != null && message.isArray() ? "JSON-RPC batches are not supported (removed in MCP 2025-06-18)"
                            : "a JSON-RPC message must be an object");
            return;
        }
        Optional<String> invalid = JsonRpcEnvelope.problem(message);
        if (invalid.isPresent()) {
            writeRpcError(response, callback, HttpStatus.BAD_REQUEST_400, JsonRpcEnvelope.replyId(message),
                    McpError.INVALID_REQUEST, invalid.get());
            return;
        }
        String method = message.path("method").asText(null);
        JsonNode id = message.get("id");
        boolean isRequest = method != null && id != null && !id.isNull();
        if (isRequest && method.equals("initialize")) {
            initialize(response, callback, id, message.path("params"), bundle);
            return;
        }
        Optional<GatewaySession> found = session(request, response, callback, bundle);
        if (found.isEmpty()) {
            return;
        }
        GatewaySession session = found.get();
        String version = request.getHeaders().get(VERSION_HEADER);
        if (version != null && !McpSession.SUPPORTED_VERSIONS.contains(version)) {
            writeRpcError(response, callback, HttpStatus.BAD_REQUEST_400, id, McpError.INVALID_REQUEST,
                    "unsupported " + VERSION_HEADER + " '" + version + "'; supported: " + String.join(", ", McpSession.SUPPORTED_VERSIONS));
            return;
        }
        session.seen(System.nanoTime());
        if (!isRequest) {
            // A notification or a response from the client: accepted, nothing to answer.
            protocol.fromClient(session, message);
            response.setStatus(HttpStatus.ACCEPTED_202);
            callback.succeeded();
            return;
        }
        JsonNode params = message.path("params").isObject() ? message.path("params") : json.createObjectNode();
        // Answered as JSON unless something about the call must reach the client first (CallStream).
        CallStream stream = new CallStream(session, id, request.getHeaders().get(HttpHeader.ACCEPT),
                () -> SseStream.open(response, callback), reply -> writeJson(response, callback, HttpStatus.OK_200, reply));
        answer(protocol.handle(session, method, params, stream), id).thenAccept(stream::finish);
    }

    private void initialize(Response response, Callback callback, JsonNode id, JsonNode params, Optional<String> bundle) {
        if (bundle.isPresent() && views.find(bundle.get()).isEmpty()) {
            writeRpcError(response, callback, HttpStatus.NOT_FOUND_404, id, McpError.INVALID_REQUEST, "no bundle '" + bundle.get()
                    + "' is configured; a reload removed it");
            return;
        }
        String version = GatewayHandshake.negotiate(params.path("protocolVersion").asText(""));
        Optional<GatewaySession> created = sessions.create(version, params.path("clientInfo").path("name").asText(""),
                params.path("clientInfo").path("version").asText(""), params.path("capabilities"), bundle);
        if (created.isEmpty()) {
            writeRpcError(response, callback, HttpStatus.SERVICE_UNAVAILABLE_503, id, McpError.INTERNAL_ERROR,
                    "the gateway holds " + GatewaySessions.MAX_SESSIONS + " sessions (its limit), each with an open"
                            + " stream; end unused ones (DELETE /mcp) or try again later");
            return;
        }
        GatewaySession session = created.get();
        log.info("gateway session={} opened client=\"{}\" protocol={} bundle={}", session.id().substring(0, 8),
                session.clientName().replaceAll("[^\\w .@/-]", "?"), version, bundle.orElse("-"));
        response.getHeaders().put(SESSION_HEADER, session.id());
        writeJson(response, callback, HttpStatus.OK_200, reply(id, protocol.initializeResult(version)));
    }

    /**
     * The session the request names, begun on the same view (a session is tied to the path and
     * token it began with); when none, the reply (400 or 404) is already written.
     */
    private Optional<GatewaySession> session(Request request, Response response, Callback callback, Optional<String> bundle) {
        String id = request.getHeaders().get(SESSION_HEADER);
        if (id == null || id.isBlank()) {
            writeRpcError(response, callback, HttpStatus.BAD_REQUEST_400, null, McpError.INVALID_REQUEST,
                    "the " + SESSION_HEADER + " header is required; send initialize first");
            return Optional.empty();
        }
        Optional<GatewaySession> session = sessions.find(id).filter(found -> found.bundle().equals(bundle));
        if (session.isEmpty()) {
            // 404 tells a client to start a new session (the daemon restarted, or the session ended).
            writeRpcError(response, callback, HttpStatus.NOT_FOUND_404, null, SESSION_NOT_FOUND,
                    "unknown session; send initialize to start a new one");
        }
        return session;
    }

    private void openStream(Request request, Response response, Callback callback, Optional<String> bundle) {
        String accept = String.valueOf(request.getHeaders().get(HttpHeader.ACCEPT));
        if (!accept.contains("text/event-stream") && !accept.contains("*/*")) {
            writeText(response, callback, HttpStatus.NOT_ACCEPTABLE_406, "the notification stream is text/event-stream\n");
            return;
        }
        session(request, response, callback, bundle).ifPresent(session -> {
            SseStream stream = SseStream.open(response, callback);
            request.addFailureListener(failure -> stream.close());
            session.attach(stream);
        });
    }

    private CompletableFuture<JsonNode> answer(CompletableFuture<JsonNode> result, JsonNode id) {
        return result.handle((value, failure) -> {
            if (failure == null) {
                return reply(id, value);
            }
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
            if (cause instanceof McpError error) {
                return error(id, error.code(), error.getMessage());
            }
            log.warn("gateway request failed unexpectedly: {}", cause.toString());
            return error(id, McpError.INTERNAL_ERROR, "the gateway failed: " + cause.getMessage());
        });
    }

    private JsonNode reply(JsonNode id, JsonNode result) {
        return messages.result(id, result);
    }

    private JsonNode error(JsonNode id, int code, String message) {
        return messages.error(id, code, message);
    }

    private void writeRpcError(Response response, Callback callback, int status, JsonNode id, int code, String message) {
        writeJson(response, callback, status, error(id, code, message));
    }

    private void writeJson(Response response, Callback callback, int status, JsonNode body) {
        byte[] bytes;
        try {
            bytes = json.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            bytes = "{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32603,\"message\":\"unserializable answer\"}}"
                    .getBytes(StandardCharsets.UTF_8);
        }
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, bytes.length);
        response.write(true, ByteBuffer.wrap(bytes), callback);
    }

    private static void writeText(Response response, Callback callback, int status, String text) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; charset=utf-8");
        Content.Sink.write(response, true, text, callback);
    }
}
