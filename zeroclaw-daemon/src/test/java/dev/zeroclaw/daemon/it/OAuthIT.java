package dev.zeroclaw.daemon.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zeroclaw.oauth.AuthorizationServerFixture;
import dev.zeroclaw.oauth.StoredAuthorization;
import dev.zeroclaw.oauth.TokenStore;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16 end to end: the real daemon and the real {@code zeroclaw auth} processes against the loopback
 * authorization server of zeroclaw-oauth's tests. A server without a login waits in NEEDS_AUTH, {@code auth login}
 * (the test is the browser) makes it READY without a reload, expiry is answered with a rotating refresh, a revoked
 * grant sends it back to NEEDS_AUTH, a second login brings it back, {@code auth logout} revokes and forgets; a
 * {@code client_credentials} server needs no login. No token ever shows where an operator looks.
 */
class OAuthIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration CLI_DEADLINE = Duration.ofSeconds(90);

    @TempDir
    Path dir;

    @Test
    void aLoginReachesTheRunningDaemonAtOnceAndTokensNeverShow() throws Exception {
        int port = ReferenceServers.freePort();
        try (AuthorizationServerFixture fixture = new AuthorizationServerFixture()) {
            String url = fixture.mcpUrl().toString();
            Path config = Files.writeString(dir.resolve("config.toml"), ReferenceServers.gateway(port)
                    + "[mcp]\nping_interval_secs = 1\n"
                    + "[[mcp.servers]]\nname = \"x\"\ntransport = \"http\"\nurl = \"" + url + "\"\n"
                    + "[[mcp.servers]]\nname = \"m2m\"\ntransport = \"http\"\nurl = \"" + url + "\"\n"
                    + "oauth_client_id = \"" + AuthorizationServerFixture.CONFIDENTIAL_ID + "\"\n"
                    + "oauth_client_secret = \"" + AuthorizationServerFixture.CONFIDENTIAL_SECRET + "\"\n"
                    + "oauth_grant = \"client_credentials\"\n");
            Map<String, String> environment = Map.of("XDG_STATE_HOME", dir.resolve("state-home").toString());
            Path tokens = dir.resolve("state-home/zeroclaw");
            try (RunningDaemon daemon = RunningDaemon.start(config, dir, environment)) {
                String runtime = daemon.runtimeDir().toString();

                // No login: x waits for one, saying which command to run; the m2m server needs none.
                JsonNode waiting = daemon.awaitState("x", "NEEDS_AUTH");
                assertThat(waiting.path("last_error").asText()).isEqualTo("server 'x' needs an OAuth login: run zeroclaw auth login x");
                daemon.awaitState("m2m", "READY");
                Zeroclaw.CliRun status = Zeroclaw.cli(CLI_DEADLINE, environment, "status", "--runtime-dir", runtime);
                assertThat(status.out()).contains("NEEDS_AUTH").contains("zeroclaw auth login x");
                String sha256 = daemon.status().path("config_sha256").asText();
                GatewayClient client = new GatewayClient(GatewayClient.endpoint(port), daemon.gatewayToken()).initialize();
                assertThat(error(client.callTool("x__echo", JSON.createObjectNode().put("text", "hello"))))
                        .isEqualTo("server 'x' is NEEDS_AUTH (last error: server 'x' needs an OAuth login: run zeroclaw auth login x);"
                                + " it waits for an OAuth login (see zeroclaw status)");
                assertThat(echo(client, "m2m__echo", "machine")).isEqualTo("machine");

                // The login, the test as the browser: READY at once, no reload.
                Login first = login(fixture, config, runtime, environment);
                assertThat(first.exitCode()).as(first.out() + first.err()).isZero();
                assertThat(first.out()).contains("logged in: x", "issuer        " + fixture.issuer(), "scopes        mcp:read",
                        "refresh token held", "the running daemon started x again: READY");
                assertThat(first.err()).contains("ssh -L " + first.port() + ":127.0.0.1:" + first.port());
                assertThat(first.page()).contains("zeroclaw is logged in to x");
                assertThat(daemon.server(daemon.status(), "x").path("state").asText()).isEqualTo("READY");
                assertThat(echo(client, "x__echo", "after login")).isEqualTo("after login");

                // Expiry: the next call refreshes, and the rotated refresh token is saved.
                String refreshBefore = stored(tokens).tokens().refreshToken().orElseThrow();
                fixture.expireAccessTokens();
                assertThat(echo(client, "x__echo", "after expiry")).isEqualTo("after expiry");
                assertThat(fixture.refreshes()).isEqualTo(1);
                assertThat(stored(tokens).tokens().refreshToken()).isPresent().get().isNotEqualTo(refreshBefore);

                // The grant revoked at the authorization server: NEEDS_AUTH with the command to run.
                fixture.revokeRefreshTokens();
                fixture.expireAccessTokens();
                assertThat(error(client.callTool("x__echo", JSON.createObjectNode().put("text", "revoked"))))
                        .contains("needs an OAuth login: run zeroclaw auth login x");
                JsonNode revoked = daemon.awaitState("x", "NEEDS_AUTH");
                assertThat(revoked.path("last_error").asText()).startsWith("server 'x' needs an OAuth login: run zeroclaw auth login x");
                assertThat(error(client.callTool("x__echo", JSON.createObjectNode().put("text", "waiting"))))
                        .startsWith("server 'x' is NEEDS_AUTH").endsWith("it waits for an OAuth login (see zeroclaw status)");

                // A second login: READY again, still without a reload.
                Login second = login(fixture, config, runtime, environment);
                assertThat(second.exitCode()).as(second.out() + second.err()).isZero();
                assertThat(second.out()).contains("the running daemon started x again: READY");
                assertThat(echo(client, "x__echo", "second login")).isEqualTo("second login");
                Zeroclaw.CliRun events = Zeroclaw.cli(CLI_DEADLINE, environment, "events", "--json", "--runtime-dir", runtime);
                assertThat(JSON.readTree(events.out()).path("events")).extracting(event -> event.path("type").asText())
                        .doesNotContain("reload");
                assertThat(daemon.status().path("config_sha256").asText()).isEqualTo(sha256);

                // auth status: issuer, scope, expiry; no token anywhere an operator looks.
                Zeroclaw.CliRun authStatus = Zeroclaw.cli(CLI_DEADLINE, environment, "auth", "status", "--json",
                        "--config", config.toString(), "--runtime-dir", runtime);
                assertThat(authStatus.exitCode()).as(authStatus.err()).isZero();
                JsonNode x = serverEntry(JSON.readTree(authStatus.out()), "x");
                assertThat(x.path("daemon_state").asText()).isEqualTo("READY");
                assertThat(x.path("logins").get(0).path("issuer").asText()).isEqualTo(fixture.issuer());
                assertThat(x.path("logins").get(0).path("expires_at").asText()).isNotEmpty();
                assertThat(x.path("logins").get(0).path("refresh_token").asBoolean()).isTrue();
                assertThat(serverEntry(JSON.readTree(authStatus.out()), "m2m").path("grant").asText()).isEqualTo("client_credentials");
                Zeroclaw.CliRun authText = Zeroclaw.cli(CLI_DEADLINE, environment, "auth", "status", "--config", config.toString(),
                        "--runtime-dir", runtime);
                assertThat(authText.out()).contains("issuer        " + fixture.issuer(), "daemon        READY");
                String statusJson = Zeroclaw.cli(CLI_DEADLINE, environment, "status", "--json", "--runtime-dir", runtime).out();
                String metrics = client.get("/metrics").body();
                assertThat(metrics.lines().filter(line -> line.startsWith("zeroclaw_reloads_total{")))
                        .as("no reload report of any result").isNotEmpty().allMatch(line -> line.matches(".* 0(\\.0)?"));
                String seen = String.join("\n", authStatus.out(), authStatus.err(), authText.out(), authText.err(), statusJson,
                        status.out(), metrics, daemon.log(), events.out(), first.out(), first.err(), second.out(), second.err());
                assertThat(fixture.issuedTokens()).hasSizeGreaterThan(4);
                for (String token : fixture.issuedTokens()) {
                    assertThat(seen).as("a token issued by the fixture").doesNotContain(token);
                }
                assertThat(seen).doesNotContain(AuthorizationServerFixture.CONFIDENTIAL_SECRET);

                // Logout: revoked at the authorization server, the file gone, the daemon told.
                StoredAuthorization last = stored(tokens);
                Zeroclaw.CliRun logout = Zeroclaw.cli(CLI_DEADLINE, environment, "auth", "logout", "x", "--config", config.toString(),
                        "--runtime-dir", runtime);
                assertThat(logout.exitCode()).as(logout.out() + logout.err()).isZero();
                assertThat(logout.out()).contains("revoked at " + fixture.issuer() + ": refresh token, access token",
                        "the running daemon dropped x's tokens");
                assertThat(fixture.revokedTokens()).containsExactly(last.tokens().refreshToken().orElseThrow(),
                        last.tokens().accessToken());
                assertThat(TokenStore.open(tokens).load("x")).isEmpty();
                try (Stream<Path> files = Files.list(tokens.resolve("oauth"))) {
                    assertThat(files.map(file -> file.getFileName().toString())).noneMatch(name -> name.startsWith("x@"));
                }
                assertThat(logout.out() + logout.err()).doesNotContain(last.tokens().accessToken());
                daemon.awaitState("x", "NEEDS_AUTH");
            }
        }
    }

    private static StoredAuthorization stored(Path stateDirectory) throws IOException {
        List<StoredAuthorization> stored = TokenStore.open(stateDirectory).load("x");
        assertThat(stored).hasSize(1);
        return stored.get(0);
    }

    private static JsonNode serverEntry(JsonNode document, String name) {
        for (JsonNode server : document.path("servers")) {
            if (server.path("name").asText().equals(name)) {
                return server;
            }
        }
        throw new AssertionError("no server " + name + " in " + document);
    }

    private static String echo(GatewayClient client, String tool, String text) throws IOException, InterruptedException {
        JsonNode answer = client.callTool(tool, JSON.createObjectNode().put("text", text));
        assertThat(answer.has("error")).as(answer.toString()).isFalse();
        return answer.path("result").path("content").get(0).path("text").asText();
    }

    private static String error(JsonNode answer) {
        assertThat(answer.has("error")).as(answer.toString()).isTrue();
        return answer.path("error").path("message").asText();
    }

    record Login(int exitCode, String out, String err, int port, String page) {}

    /**
     * {@code zeroclaw auth login x} as a process, and the test as the browser: it GETs the printed URL without
     * following the redirect (the fixture approves at once), then GETs the Location, the CLI's loopback listener.
     */
    private Login login(AuthorizationServerFixture fixture, Path config, String runtime, Map<String, String> environment)
            throws Exception {
        List<String> command = new ArrayList<>(List.of(Zeroclaw.JAVA, "-jar", Zeroclaw.JAR.toString(), "auth", "login", "x",
                "--config", config.toString(), "--runtime-dir", runtime, "--timeout", "60"));
        Path err = Files.createTempFile(dir, "login", ".err");
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(err.toFile());
        builder.environment().putAll(environment);
        Process process = builder.start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            StringBuilder printed = new StringBuilder();
            String url = null;
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                printed.append(line).append('\n');
                if (line.startsWith(fixture.issuer() + "/authorize?")) {
                    url = line;
                    break;
                }
            }
            assertThat(url).as("the URL on its own line of stdout; stdout: " + printed + " stderr: " + Files.readString(err)).isNotNull();
            HttpClient browser = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
            HttpResponse<String> authorize = browser.send(HttpRequest.newBuilder(URI.create(url)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(authorize.statusCode()).isEqualTo(302);
            URI location = URI.create(authorize.headers().firstValue("Location").orElseThrow());
            assertThat(location.getHost()).isEqualTo("127.0.0.1");
            HttpResponse<String> page = browser.send(HttpRequest.newBuilder(location).build(), HttpResponse.BodyHandlers.ofString());
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                printed.append(line).append('\n');
            }
            assertThat(process.waitFor(CLI_DEADLINE.toMillis(), TimeUnit.MILLISECONDS)).as("auth login ends").isTrue();
            return new Login(process.exitValue(), printed.toString(), Files.readString(err), location.getPort(), page.body());
        } finally {
            process.destroyForcibly();
        }
    }
}
