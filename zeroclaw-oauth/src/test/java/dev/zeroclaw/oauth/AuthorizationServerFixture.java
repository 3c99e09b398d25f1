package dev.zeroclaw.oauth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A loopback authorization server and an MCP resource behind it, on the JDK's HTTP server: Protected Resource
 * Metadata, RFC 8414 metadata, registration, an auto-approving authorize endpoint, a token endpoint that checks
 * PKCE and the resource and rotates refresh tokens, revocation, and {@code /mcp}, which answers 401 with a Bearer
 * challenge until it gets a live token, then answers {@code initialize}, {@code tools/list} and {@code tools/call}
 * (an {@code echo} tool). A test can expire every access token or revoke every refresh token; it can offer the device
 * authorization grant (RFC 8628) and approve or deny a user code. Public, and published in zeroclaw-oauth's
 * test-jar, for the daemon's {@code OAuthIT}.
 */
public final class AuthorizationServerFixture implements AutoCloseable {

    public static final String CONFIDENTIAL_ID = "m2m-client";
    public static final String CONFIDENTIAL_SECRET = "m2m-secret-value";
    static final String DEVICE_GRANT = "urn:ietf:params:oauth:grant-type:device_code";

    private final HttpServer server;
    private final String base;
    private final Set<String> clients = ConcurrentHashMap.newKeySet();
    private final Map<String, Map<String, String>> codes = new ConcurrentHashMap<>();
    private final Set<String> accessTokens = ConcurrentHashMap.newKeySet();
    private final Set<String> refreshTokens = ConcurrentHashMap.newKeySet();
    private final List<String> resourcesSeen = new ArrayList<>();
    private volatile boolean dynamicRegistration = true;
    private volatile boolean deviceAuthorization;
    // Device codes by user code: "pending", "approved", "denied", "expired"; and which device code is whose.
    private final Map<String, String> deviceStates = new ConcurrentHashMap<>();
    private final Map<String, String> deviceCodes = new ConcurrentHashMap<>();
    private final AtomicInteger slowDowns = new AtomicInteger();
    private final AtomicInteger refreshes = new AtomicInteger();
    // Guarded by this: every token issued (so a test can look for each one where it must not appear), every revoked one.
    private final List<String> issued = new ArrayList<>();
    private final List<String> revoked = new ArrayList<>();
    private volatile Layout layout = Layout.CURRENT;
    private volatile String lastAuthorizationScope;
    private volatile boolean clientIdMetadataDocuments;
    private volatile boolean secretInFormOnly;
    // private_key_jwt (RFC 7523): the client's public key, the algorithms the metadata lists, the assertions accepted.
    private volatile ECKey clientKey;
    private volatile List<String> assertionAlgorithms = List.of();
    private final List<SignedJWT> assertions = new ArrayList<>();

    /** Where the metadata documents are: as MCP 2025-06-18 and later ask, or as a 2025-03-26 server has them. */
    enum Layout {
        /** Protected Resource Metadata, and RFC 8414 metadata whose issuer is the origin. */
        CURRENT,
        /** No resource metadata; RFC 8414 metadata at the origin naming the issuer {@code <origin>/oauth}. */
        LEGACY_METADATA,
        /** No metadata at all: only {@code /authorize}, {@code /token} and {@code /register} at the origin. */
        NO_METADATA,
        /** Protected Resource Metadata only where the {@code 401} challenge says ({@code /meta/prm}), none at the well-known paths. */
        METADATA_IN_CHALLENGE_ONLY
    }

    public AuthorizationServerFixture() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        base = "http://127.0.0.1:" + server.getAddress().getPort();
        server.createContext("/", this::handle);
        server.start();
    }

    public URI mcpUrl() {
        return URI.create(base + "/mcp");
    }

    public String issuer() {
        return base;
    }

    /** Every access token issued so far stops working (as if it expired). */
    public void expireAccessTokens() {
        accessTokens.clear();
    }

    /** Every refresh token issued so far is revoked: the next refresh gets {@code invalid_grant}. */
    public void revokeRefreshTokens() {
        refreshTokens.clear();
    }

    public void disableDynamicRegistration() {
        dynamicRegistration = false;
    }

    /** Lists a {@code device_authorization_endpoint} in the metadata (RFC 8628). */
    public void offerDeviceAuthorization() {
        deviceAuthorization = true;
    }

    /** The user codes handed out so far (what a person would read off the terminal). */
    public List<String> userCodes() {
        return List.copyOf(deviceStates.keySet());
    }

    /** The person approves this user code (the test hook for "open the page, type the code, approve"). */
    public void approveDevice(String userCode) {
        deviceStates.replace(userCode, "approved");
    }

    public void denyDevice(String userCode) {
        deviceStates.replace(userCode, "denied");
    }

    public void expireDevice(String userCode) {
        deviceStates.replace(userCode, "expired");
    }

    /** The next {@code count} device polls are answered {@code slow_down}. */
    public void slowDown(int count) {
        slowDowns.set(count);
    }

    /** Successful refresh grants so far. */
    public int refreshes() {
        return refreshes.get();
    }

    /** Every access and refresh token issued so far. */
    public synchronized List<String> issuedTokens() {
        return List.copyOf(issued);
    }

    /** Every token the revocation endpoint was sent, in order. */
    public synchronized List<String> revokedTokens() {
        return List.copyOf(revoked);
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

    /**
     * The metadata lists {@code private_key_jwt} alone, with {@code algorithms} as
     * {@code token_endpoint_auth_signing_alg_values_supported}; {@link #CONFIDENTIAL_ID}'s {@code client_credentials}
     * request is accepted only with a client assertion signed by {@code publicKey}'s private key: iss and sub the
     * client id, aud the issuer, not expired, a jti not seen before.
     */
    void acceptClientAssertions(ECKey publicKey, List<String> algorithms) {
        assertionAlgorithms = List.copyOf(algorithms);
        clientKey = publicKey;
    }

    /** The client assertions the token endpoint accepted, in order. */
    synchronized List<SignedJWT> assertions() {
        return List.copyOf(assertions);
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
            boolean resourceMetadata = path.startsWith("/.well-known/oauth-protected-resource");
            if (path.startsWith("/.well-known/") && (layout == Layout.NO_METADATA
                    || (resourceMetadata && (layout == Layout.LEGACY_METADATA || layout == Layout.METADATA_IN_CHALLENGE_ONLY)))) {
                path = "/not-here";
            }
            if (path.equals("/meta/prm") && layout == Layout.METADATA_IN_CHALLENGE_ONLY) {
                path = "/.well-known/oauth-protected-resource/mcp";
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
                        + (deviceAuthorization ? "\"device_authorization_endpoint\":\"" + base + "/device\"," : "")
                        + (clientIdMetadataDocuments ? "\"client_id_metadata_document_supported\":true," : "")
                        + (secretInFormOnly ? "\"token_endpoint_auth_methods_supported\":[\"client_secret_post\"]," : "")
                        + (clientKey != null ? "\"token_endpoint_auth_methods_supported\":[\"private_key_jwt\"],"
                                + "\"token_endpoint_auth_signing_alg_values_supported\":[\"" + String.join("\",\"", assertionAlgorithms)
                                + "\"]," : "")
                        + "\"code_challenge_methods_supported\":[\"S256\"]}");
                case "/register" -> register(exchange);
                case "/authorize" -> authorize(exchange);
                case "/token" -> token(exchange);
                case "/device" -> device(exchange);
                case "/revoke" -> {
                    Map<String, String> form = form(exchange);
                    synchronized (this) {
                        revoked.add(form.get("token"));
                    }
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
        if (!body.contains("\"redirect_uris\"") && !body.contains(DEVICE_GRANT)) {
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
                refreshes.incrementAndGet();
                issue(exchange, "mcp:read", true);
            }
            case DEVICE_GRANT -> deviceToken(exchange, form);
            case "client_credentials" -> {
                String expected = "Basic " + Base64.getEncoder().encodeToString(
                        (CONFIDENTIAL_ID + ":" + CONFIDENTIAL_SECRET).getBytes(StandardCharsets.UTF_8));
                boolean authenticated = clientKey != null ? validAssertion(form)
                        : secretInFormOnly ? CONFIDENTIAL_ID.equals(form.get("client_id")) && CONFIDENTIAL_SECRET.equals(form.get("client_secret"))
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

    /** RFC 7523 section 3: a jwt-bearer assertion by the client, for this issuer, live, used once. */
    private boolean validAssertion(Map<String, String> form) {
        if (!"urn:ietf:params:oauth:client-assertion-type:jwt-bearer".equals(form.get("client_assertion_type"))
                || form.get("client_assertion") == null || form.get("client_secret") != null) {
            return false;
        }
        try {
            SignedJWT assertion = SignedJWT.parse(form.get("client_assertion"));
            JWTClaimsSet claims = assertion.getJWTClaimsSet();
            boolean valid = assertion.verify(new ECDSAVerifier(clientKey))
                    && assertionAlgorithms.contains(assertion.getHeader().getAlgorithm().getName())
                    && CONFIDENTIAL_ID.equals(claims.getIssuer()) && CONFIDENTIAL_ID.equals(claims.getSubject())
                    && claims.getAudience().contains(base) && claims.getExpirationTime() != null
                    && claims.getExpirationTime().after(new Date()) && claims.getJWTID() != null;
            synchronized (this) {
                if (!valid || assertions.stream().anyMatch(seen -> jwtId(seen).equals(claims.getJWTID()))) {
                    return false;
                }
                assertions.add(assertion);
            }
            return true;
        } catch (ParseException | JOSEException e) {
            return false;
        }
    }

    private static String jwtId(SignedJWT assertion) {
        try {
            return assertion.getJWTClaimsSet().getJWTID();
        } catch (ParseException e) {
            throw new IllegalStateException(e);
        }
    }

    /** RFC 8628 section 3.1-3.2: a device code and a user code for a registered client. */
    private void device(HttpExchange exchange) throws IOException {
        Map<String, String> form = form(exchange);
        if (!clients.contains(form.get("client_id"))) {
            json(exchange, 401, "{\"error\":\"invalid_client\"}");
            return;
        }
        String userCode = "UC-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase(Locale.ROOT);
        String deviceCode = "dc-" + UUID.randomUUID();
        deviceStates.put(userCode, "pending");
        deviceCodes.put(deviceCode, userCode);
        json(exchange, 200, "{\"device_code\":\"" + deviceCode + "\",\"user_code\":\"" + userCode + "\","
                + "\"verification_uri\":\"" + base + "/activate\",\"verification_uri_complete\":\"" + base
                + "/activate?user_code=" + userCode + "\",\"expires_in\":600,\"interval\":1}");
    }

    private void deviceToken(HttpExchange exchange, Map<String, String> form) throws IOException {
        String userCode = deviceCodes.get(String.valueOf(form.get("device_code")));
        if (userCode == null) {
            json(exchange, 400, "{\"error\":\"invalid_grant\"}");
            return;
        }
        if (slowDowns.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            json(exchange, 400, "{\"error\":\"slow_down\"}");
            return;
        }
        switch (deviceStates.get(userCode)) {
            case "approved" -> {
                deviceCodes.remove(form.get("device_code"));
                issue(exchange, "mcp:read", true);
            }
            case "denied" -> json(exchange, 400, "{\"error\":\"access_denied\"}");
            case "expired" -> json(exchange, 400, "{\"error\":\"expired_token\"}");
            default -> json(exchange, 400, "{\"error\":\"authorization_pending\"}");
        }
    }

    private void issue(HttpExchange exchange, String scope, boolean withRefresh) throws IOException {
        String access = "at-" + UUID.randomUUID();
        accessTokens.add(access);
        synchronized (this) {
            issued.add(access);
        }
        String refresh = "";
        if (withRefresh) {
            String token = "rt-" + UUID.randomUUID();
            refreshTokens.add(token);
            synchronized (this) {
                issued.add(token);
            }
            refresh = ",\"refresh_token\":\"" + token + "\"";
        }
        json(exchange, 200, "{\"access_token\":\"" + access + "\",\"token_type\":\"Bearer\",\"expires_in\":3600,"
                + "\"scope\":\"" + scope + "\"" + refresh + "}");
    }

    private void mcp(HttpExchange exchange) throws IOException {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (authorization == null || !authorization.startsWith("Bearer ") || !accessTokens.contains(authorization.substring(7))) {
            String metadata = layout == Layout.METADATA_IN_CHALLENGE_ONLY ? "/meta/prm" : "/.well-known/oauth-protected-resource/mcp";
            // A 2025-03-26 server has no resource metadata to point at.
            boolean legacy = layout == Layout.LEGACY_METADATA || layout == Layout.NO_METADATA;
            exchange.getResponseHeaders().add("WWW-Authenticate", legacy ? "Bearer"
                    : "Bearer resource_metadata=\"" + base + metadata + "\", scope=\"mcp:read\"");
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
                : body.contains("\"tools/list\"") ? "{\"tools\":[{\"name\":\"whoami\",\"inputSchema\":{\"type\":\"object\"}},"
                        + "{\"name\":\"echo\",\"inputSchema\":{\"type\":\"object\",\"properties\":{\"text\":{\"type\":\"string\"}}}}]}"
                : body.contains("\"tools/call\"") ? "{\"content\":[{\"type\":\"text\",\"text\":\"" + echoed(body) + "\"}]}" : "{}";
        json(exchange, 200, "{\"jsonrpc\":\"2.0\",\"id\":" + id.group(1) + ",\"result\":" + result + "}");
    }

    /** The {@code text} argument of an {@code echo} call (letters, digits and spaces only: no JSON escaping needed). */
    private static String echoed(String body) {
        Matcher text = Pattern.compile("\"text\"\\s*:\\s*\"([A-Za-z0-9 ]*)\"").matcher(body);
        return text.find() ? text.group(1) : "";
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
        return LoopbackRedirect.query(encoded);
    }

    private static void json(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}
