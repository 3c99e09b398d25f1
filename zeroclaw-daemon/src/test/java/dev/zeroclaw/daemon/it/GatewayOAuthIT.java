package dev.zeroclaw.daemon.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gateway as an OAuth resource server, with the official TypeScript MCP client: the daemon
 * trusts a loopback identity provider ({@code [mcp.gateway] oauth_issuer}) whose keys this test generates and signs
 * access tokens with. A valid token lists the tools; a bundle's {@code oauth_scope} opens that bundle's view; a
 * token for another audience, an expired one, one of an unpublished key, and none are refused with 401 and a
 * challenge whose Protected Resource Metadata names the issuer. No token appears in the log or the status.
 */
class GatewayOAuthIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private HttpServer idp;
    private String issuer;
    private RSAKey key;

    @BeforeEach
    void startTheIdentityProvider() throws Exception {
        key = new RSAKeyGenerator(2048).keyID("it-key").generate();
        idp = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        issuer = "http://127.0.0.1:" + idp.getAddress().getPort() + "/realms/it";
        ObjectNode metadata = JSON.createObjectNode().put("issuer", issuer).put("authorization_endpoint", issuer + "/auth")
                .put("token_endpoint", issuer + "/token").put("jwks_uri", issuer + "/certs");
        metadata.putArray("response_types_supported").add("code");
        metadata.putArray("subject_types_supported").add("public");
        metadata.putArray("id_token_signing_alg_values_supported").add("RS256");
        Map<String, String> documents = Map.of("/realms/it/.well-known/openid-configuration", metadata.toString(),
                "/realms/it/certs", new JWKSet(key.toPublicJWK()).toString(true));
        idp.createContext("/", exchange -> {
            try (exchange) {
                String document = documents.get(exchange.getRequestURI().getPath());
                byte[] bytes = (document == null ? "{}" : document).getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(document == null ? 404 : 200, bytes.length);
                exchange.getResponseBody().write(bytes);
            }
        });
        idp.start();
    }

    @AfterEach
    void stopIt() {
        idp.stop(0);
    }

    @Test
    void jwtAccessTokensOfTheIssuerOpenTheGatewayAndABundleScopeOpensItsView() throws Exception {
        int port = ReferenceServers.freePort();
        String audience = "http://127.0.0.1:" + port + "/mcp";
        Path config = Files.writeString(dir.resolve("config.toml"), ReferenceServers.gateway(port)
                + "oauth_issuer = \"" + issuer + "\"\n"
                + ReferenceServers.fixtureWithTools("alpha", "read", "write") + ReferenceServers.fixtureWithTools("gamma", "ping_me")
                + "[mcp_bundles.ops]\nservers = [\"gamma\"]\noauth_scope = \"mcp:ops\"\n");
        long now = System.currentTimeMillis();
        Map<String, String> tokens = Map.of(
                "ZC_VALID", token(key, audience, "mcp:read", now + 3_600_000),
                "ZC_BUNDLE_SCOPED", token(key, audience, "mcp:read mcp:ops", now + 3_600_000),
                "ZC_WRONG_AUDIENCE", token(key, "https://elsewhere.example.com/mcp", "mcp:read", now + 3_600_000),
                "ZC_EXPIRED", token(key, audience, "mcp:read", now - 3_600_000),
                "ZC_UNKNOWN_KEY", token(new RSAKeyGenerator(2048).keyID("stranger").generate(), audience, "mcp:read", now + 3_600_000));
        try (RunningDaemon daemon = RunningDaemon.start(config, dir, Map.of())) {
            daemon.awaitReady("alpha", "gamma");
            Map<String, String> env = new HashMap<>(tokens);
            env.put("ZC_BASE", audience);

            JsonNode summary = NodeScript.run("gateway/oauth-client.mjs", env, dir, daemon);

            assertThat(summary.path("valid").toString()).isEqualTo("[\"alpha__read\",\"alpha__write\",\"gamma__ping_me\"]");
            assertThat(summary.path("bundleScoped").toString()).isEqualTo("[\"gamma__ping_me\"]");
            String challenge = "Bearer resource_metadata=\"http://127.0.0.1:" + port + "/.well-known/oauth-protected-resource\"";
            for (String refused : List.of("wrongAudience", "expired", "unknownKey")) {
                assertThat(summary.path(refused).path("status").asInt()).as(refused).isEqualTo(401);
                assertThat(summary.path(refused).path("challenge").asText()).as(refused).isEqualTo(challenge + ", error=\"invalid_token\"");
                assertThat(summary.path(refused).path("sdk").asText()).as(refused).startsWith("error: ")
                        .contains("a bearer token is required (Authorization: Bearer ...); an OAuth access token of " + issuer
                                + " for " + audience + " is one");
            }
            assertThat(summary.path("none").path("status").asInt()).isEqualTo(401);
            assertThat(summary.path("none").path("challenge").asText()).isEqualTo(challenge);
            assertThat(summary.path("metadata").toString()).isEqualTo("{\"resource\":\"" + audience + "\",\"authorization_servers\":[\""
                    + issuer + "\"],\"scopes_supported\":[\"mcp:ops\"],\"bearer_methods_supported\":[\"header\"],"
                    + "\"resource_name\":\"zeroclaw gateway\"}");
            String status = daemon.status().toString();
            assertThat(status).contains("\"oauth_issuer\":\"" + issuer + "\"");
            for (String token : tokens.values()) {
                assertThat(daemon.log() + status).doesNotContain(token).doesNotContain(token.substring(token.lastIndexOf('.') + 1));
            }
            assertThat(daemon.log()).contains("gateway oauth issuer=" + issuer + " resource=" + audience);

            // The keys of [mcp.gateway] apply at the next start, as its token does: the reload says so.
            Files.writeString(config, Files.readString(config).replace("oauth_issuer =",
                    "oauth_audience = \"https://gateway.example.com/mcp\"\noauth_issuer ="));
            Zeroclaw.CliRun reload = Zeroclaw.cli(Duration.ofSeconds(60), "reload", "--json", "--runtime-dir",
                    daemon.runtimeDir().toString());
            assertThat(reload.exitCode()).as(reload.err()).isZero();
            assertThat(JSON.readTree(reload.out()).path("warnings").toString()).contains("[mcp.gateway] oauth_issuer, oauth_audience,"
                    + " oauth_jwks_url or oauth_scope changed; that applies when the daemon restarts");
        }
    }

    @Test
    void withAGatewayScopeATokenWithoutItOrABundlesScopeIsRefusedWith403() throws Exception {
        int port = ReferenceServers.freePort();
        String audience = "http://127.0.0.1:" + port + "/mcp";
        Path config = Files.writeString(dir.resolve("config.toml"), ReferenceServers.gateway(port)
                + "oauth_issuer = \"" + issuer + "\"\noauth_scope = \"zeroclaw:all\"\n"
                + ReferenceServers.fixtureWithTools("alpha", "read") + ReferenceServers.fixtureWithTools("gamma", "ping_me")
                + "[mcp_bundles.ops]\nservers = [\"gamma\"]\noauth_scope = \"mcp:ops\"\n");
        long later = System.currentTimeMillis() + 3_600_000;
        try (RunningDaemon daemon = RunningDaemon.start(config, dir, Map.of())) {
            daemon.awaitReady("alpha", "gamma");

            HttpResponse<String> unscoped = initialize(audience, token(key, audience, "openid mcp:read", later));
            assertThat(unscoped.statusCode()).isEqualTo(403);
            assertThat(unscoped.headers().firstValue("WWW-Authenticate")).contains("Bearer resource_metadata=\"http://127.0.0.1:"
                    + port + "/.well-known/oauth-protected-resource\", error=\"insufficient_scope\", scope=\"zeroclaw:all\"");
            assertThat(unscoped.body()).contains("lacks the gateway's scope 'zeroclaw:all'");
            assertThat(initialize(audience, token(key, audience, "zeroclaw:all", later)).statusCode()).isEqualTo(200);
            assertThat(initialize(audience + "/ops", token(key, audience, "mcp:ops", later)).statusCode()).isEqualTo(200);
            assertThat(initialize(audience, null).statusCode()).isEqualTo(401);
        }
    }

    private static HttpResponse<String> initialize(String url, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{"
                        + "\"protocolVersion\":\"2025-11-25\",\"capabilities\":{},\"clientInfo\":{\"name\":\"it\",\"version\":\"1\"}}}"));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private String token(RSAKey signer, String audience, String scope, long expiresAt) throws JOSEException {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(issuer).audience(audience).subject("it-user")
                .issueTime(new Date()).expirationTime(new Date(expiresAt)).claim("scope", scope).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(signer.getKeyID()).build(), claims);
        jwt.sign(new RSASSASigner(signer));
        return jwt.serialize();
    }
}
