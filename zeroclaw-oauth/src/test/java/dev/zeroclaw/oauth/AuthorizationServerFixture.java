package dev.zeroclaw.oauth;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A loopback authorization server and an MCP resource behind it, on the JDK's HTTP server: Protected Resource
 * Metadata, RFC 8414 metadata, registration, an auto-approving authorize endpoint, a token endpoint that checks
 * PKCE and the resource and rotates refresh tokens, revocation, and {@code /mcp}, which answers 401 with a Bearer
 * challenge until it gets a live token. A test can expire every access token or revoke every refresh token.
 */
final class AuthorizationServerFixture implements AutoCloseable {

    static final String CONFIDENTIAL_ID = "m2m-client";
    static final String CONFIDENTIAL_SECRET = "m2m-secret-value";

    private final HttpServer server;
    private final String base;
    private final Set<String> clients = ConcurrentHashMap.newKeySet();
    private final Map<String, Map<String, String>> codes = new ConcurrentHashMap<>();
    private final Set<String> accessTokens = ConcurrentHashMap.newKeySet();
    private final Set<String> refreshTokens = ConcurrentHashMap.newKeySet();
    private final List<String> resourcesSeen = new ArrayList<>();
    private volatile boolean dynamicRegistration = true;
    private volatile Layout layout = Layout.CURRENT;
    private volatile String lastAuthorizationScope;
    private volatile boolean clientIdMetadataDocuments;
    private volatile boolean secretInFormOnly;

    /** Where the metadata documents are: as MCP 2025-06-18 and later ask, or as a 2025-03-26 server has them. */
    enum Layout {
        /** Protected Resource Metadata, and RFC 8414 metadata whose issuer is the origin. */
        CURRENT,
        /** No resource metadata; RFC 8414 metadata at the origin naming the issuer {@code <origin>/oauth}. */
        LEGACY_METADATA,
        /** No metadata at all: only {@code /authorize}, {@code /token} and {@code /register} at the origin. */
        NO_METADATA
    }

    AuthorizationServerFixture() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        base = "http://127.0.0.1:" + server.getAddress().getPort();
        server.createContext("/", this::handle);
        server.start();
    }

    URI mcpUrl() {
        return URI.create(base + "/mcp");
    }

    String issuer() {
        return base;
    }

    /** Every access token issued so far stops working (as if it expired). */
    void expireAccessTokens() {
        accessTokens.clear();
    }

    /** Every refresh token issued so far is revoked: the next refresh gets {@code invalid_grant}. */
    void revokeRefreshTokens() {
        refreshTokens.clear();
    }

    void disableDynamicRegistration() {
        dynamicRegistration = false;
    }

    /**
     * The metadata says {@code client_id_metadata_document_supported}; an https client id is accepted as the URL of
     * such a document (this fixture does not fetch it).
     */
    void supportClientIdMetadataDocuments() {
        clientIdMetadataDocuments = true;
    }

    /** The metadata lists {@code client_secret_post} alone, and a client's secret is accepted only in the form. */
    void acceptSecretsInFormOnly() {
        secretInFormOnly = true;
    }

    void layout(Layout newLayout) {
        layout = newLayout;
    }

    int registeredClients() {
        return clients.size();
    }

    /** The {@code scope} of the last authorization request (null: none sent). */
    String lastAuthorizationScope() {
        return lastAuthorizationScope;
    }

    synchronized List<String> resourcesSeen() {
        return List.copyOf(resourcesSeen);
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            if (path.startsWith("/.well-known/") && (layout == Layout.NO_METADATA
                    || (layout == Layout.LEGACY_METADATA && path.startsWith("/.well-known/oauth-protected-resource")))) {
                path = "/not-here";
            }
            switch (path) {
                case "/.well-known/oauth-protected-resource/mcp" -> json(exchange, 200, "{\"resource\":\"" + base + "/mcp\","
                        + "\"authorization_servers\":[\"" + base + "\"],\"scopes_supported\":[\"mcp:read\",\"mcp:write\"]}");
                case "/.well-known/oauth-authorization-server" -> json(exchange, 200, "{\"issuer\":\"" + base
                        + (layout == Layout.LEGACY_METADATA ? "/oauth" : "") + "\","
                        + "\"authorization_endpoint\":\"" + base + "/authorize\",\"token_endpoint\":\"" + base + "/token\","
                        + (dynamicRegistration ? "\"registration_endpoint\":\"" + base + "/register\"," : "")
                        + "\"revocation_endpoint\":\"" + base + "/revoke\",\"response_types_supported\":[\"code\"],"
                        + "\"grant_types_supported\":[\"authorization_code\",\"refresh_token\",\"client_credentials\"],"
                        + (clientIdMetadataDocuments ? "\"client_id_metadata_document_supported\":true," : "")
                        + (secretInFormOnly ? "\"token_endpoint_auth_methods_supported\":[\"client_secret_post\"]," : "")
                        + "\"code_challenge_methods_supported\":[\"S256\"]}");
                case "/register" -> register(exchange);
                case "/authorize" -> authorize(exchange);
                case "/token" -> token(exchange);
                case "/revoke" -> {
                    Map<String, String> form = form(exchange);
                    accessTokens.remove(form.get("token"));
                    refreshTokens.remove(form.get("token"));
                    exchange.sendResponseHeaders(200, -1);
                }
                case "/mcp" -> mcp(exchange);
                default -> json(exchange, 404, "{\"error\":\"not found\"}");
            }
        }
    }

    private void register(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        if (!body.contains("\"redirect_uris\"")) {
            json(exchange, 400, "{\"error\":\"invalid_redirect_uri\"}");
            return;
        }
        String id = "client-" + UUID.randomUUID();
        clients.add(id);
        json(exchange, 201, "{\"client_id\":\"" + id + "\",\"token_endpoint_auth_method\":\"none\","
                + "\"redirect_uris\":[\"http://127.0.0.1/callback\"]}");
    }

    private void authorize(HttpExchange exchange) throws IOException {
        Map<String, String> query = parse(exchange.getRequestURI().getRawQuery());
        String clientId = String.valueOf(query.get("client_id"));
        boolean known = clients.contains(clientId) || (clientIdMetadataDocuments && clientId.startsWith("https://"));
        if (!known || !"S256".equals(query.get("code_challenge_method"))
                || query.get("code_challenge") == null || !(base + "/mcp").equals(query.get("resource"))) {
            json(exchange, 400, "{\"error\":\"invalid_request\"}");
            return;
        }
        lastAuthorizationScope = query.get("scope");
        String code = "code-" + UUID.randomUUID();
        codes.put(code, query);
        String location = query.get("redirect_uri") + "?code=" + code + "&state=" + URLEncoder.encode(query.get("state"), StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Location", location);
        exchange.sendResponseHeaders(302, -1);
    }

    private void token(HttpExchange exchange) throws IOException {
        Map<String, String> form = form(exchange);
        synchronized (this) {
            resourcesSeen.add(form.get("resource"));
        }
        if (!(base + "/mcp").equals(form.get("resource"))) {
            json(exchange, 400, "{\"error\":\"invalid_target\"}");
            return;
        }
        switch (String.valueOf(form.get("grant_type"))) {
            case "authorization_code" -> {
                Map<String, String> authorization = codes.remove(form.get("code"));
                if (authorization == null || !authorization.get("client_id").equals(form.get("client_id"))
                        || !authorization.get("redirect_uri").equals(form.get("redirect_uri"))
                        || !challenge(String.valueOf(form.get("code_verifier"))).equals(authorization.get("code_challenge"))) {
                    json(exchange, 400, "{\"error\":\"invalid_grant\",\"error_description\":\"code or verifier\"}");
                    return;
                }
                issue(exchange, authorization.getOrDefault("scope", "mcp:read"), true);
            }
            case "refresh_token" -> {
                // Rotation: a refresh token works once.
                if (!refreshTokens.remove(String.valueOf(form.get("refresh_token")))) {
                    json(exchange, 400, "{\"error\":\"invalid_grant\",\"error_description\":\"refresh token revoked\"}");
                    return;
                }
                issue(exchange, "mcp:read", true);
            }
            case "client_credentials" -> {
                String expected = "Basic " + Base64.getEncoder().encodeToString(
                        (CONFIDENTIAL_ID + ":" + CONFIDENTIAL_SECRET).getBytes(StandardCharsets.UTF_8));
                boolean authenticated = secretInFormOnly
                        ? CONFIDENTIAL_ID.equals(form.get("client_id")) && CONFIDENTIAL_SECRET.equals(form.get("client_secret"))
                        : expected.equals(exchange.getRequestHeaders().getFirst("Authorization"));
                if (!authenticated) {
                    json(exchange, 401, "{\"error\":\"invalid_client\"}");
                    return;
                }
                issue(exchange, "mcp:read", false);
            }
            default -> json(exchange, 400, "{\"error\":\"unsupported_grant_type\"}");
        }
    }

    private void issue(HttpExchange exchange, String scope, boolean withRefresh) throws IOException {
        String access = "at-" + UUID.randomUUID();
        accessTokens.add(access);
        String refresh = "";
        if (withRefresh) {
            String token = "rt-" + UUID.randomUUID();
            refreshTokens.add(token);
            refresh = ",\"refresh_token\":\"" + token + "\"";
        }
        json(exchange, 200, "{\"access_token\":\"" + access + "\",\"token_type\":\"Bearer\",\"expires_in\":3600,"
                + "\"scope\":\"" + scope + "\"" + refresh + "}");
    }

    private void mcp(HttpExchange exchange) throws IOException {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (authorization == null || !authorization.startsWith("Bearer ") || !accessTokens.contains(authorization.substring(7))) {
            exchange.getResponseHeaders().add("WWW-Authenticate", "Bearer resource_metadata=\"" + base
                    + "/.well-known/oauth-protected-resource/mcp\", scope=\"mcp:read\"");
            json(exchange, 401, "{\"error\":\"invalid_token\"}");
            return;
        }
        answerMcp(exchange);
    }

    /**
     * Just enough of an MCP server for a client to get through {@code initialize} and {@code tools/list}:
     * notifications are accepted, every request is answered by its id.
     */
    private static void answerMcp(HttpExchange exchange) throws IOException {
        if (!exchange.getRequestMethod().equals("POST")) {
            exchange.sendResponseHeaders(405, -1); // no stream of the server's own messages, no session to end
            return;
        }
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Matcher id = Pattern.compile("\"id\"\\s*:\\s*(\\d+)").matcher(body);
        if (!id.find()) {
            exchange.sendResponseHeaders(202, -1);
            return;
        }
        String result = body.contains("\"initialize\"")
                ? "{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{\"tools\":{}},\"serverInfo\":{\"name\":\"oauth-fixture\",\"version\":\"1\"}}"
                : body.contains("\"tools/list\"") ? "{\"tools\":[{\"name\":\"whoami\",\"inputSchema\":{\"type\":\"object\"}}]}" : "{}";
        json(exchange, 200, "{\"jsonrpc\":\"2.0\",\"id\":" + id.group(1) + ",\"result\":" + result + "}");
    }

    private static String challenge(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> form(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    private static Map<String, String> parse(String encoded) {
        Map<String, String> values = new HashMap<>();
        if (encoded == null || encoded.isEmpty()) {
            return values;
        }
        for (String pair : encoded.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            values.putIfAbsent(key, value);
        }
        return values;
    }

    private static void json(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}
