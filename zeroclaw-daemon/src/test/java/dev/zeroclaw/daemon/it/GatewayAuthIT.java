package dev.zeroclaw.daemon.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.zeroclaw.signal.GatewayTokenFile;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Who may use the gateway. Issue 17: as uid 65534, {@code initialize} and {@code tools/call} on
 * root's daemon succeeded, because a loopback gateway without {@code auth_token_env} took every
 * request; and the token variable was in every stdio server's environment. A client that has not
 * read the runtime directory's token file is such another user.
 */
class GatewayAuthIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void byDefaultARequestWithoutTheGeneratedTokenIsRefusedAndOneWithItIsServed() throws Exception {
        int port = ReferenceServers.freePort();
        Path tokenFile;
        String token;
        try (RunningDaemon daemon = startWithEverything(ReferenceServers.gateway(port))) {
            // The steps of the report: initialize, then tools/call, from a client that did not read the token.
            GatewayClient anonymous = new GatewayClient(GatewayClient.endpoint(port), Optional.empty());
            HttpResponse<String> initialize = anonymous.post(initializeMessage());
            assertThat(initialize.statusCode()).as(initialize.body()).isEqualTo(401);
            assertThat(initialize.headers().firstValue("WWW-Authenticate")).contains("Bearer realm=\"zeroclaw\"");
            assertThat(anonymous.post(echo()).statusCode()).isEqualTo(401);
            assertThat(new GatewayClient(GatewayClient.endpoint(port), Optional.of("guess")).post(initializeMessage())
                    .statusCode()).isEqualTo(401);

            tokenFile = daemon.runtimeDir().resolve(GatewayTokenFile.FILE_NAME);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tokenFile))).isEqualTo("rw-------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(daemon.runtimeDir()))).isEqualTo("rwx------");
            token = daemon.gatewayToken().orElseThrow();
            GatewayClient client = new GatewayClient(GatewayClient.endpoint(port), Optional.of(token)).initialize();
            assertThat(client.callTool("everything__echo", JSON.createObjectNode().put("message", "ok")).path("result")
                    .path("content").get(0).path("text").asText()).isEqualTo("Echo: ok");
            // RFC 7235: the scheme's case does not matter.
            assertThat(post(port, "bearer " + token, initializeMessage()).statusCode()).isEqualTo(200);

            assertThat(daemon.log()).contains("auth=bearer token=generated").doesNotContain(token);
            assertThat(daemon.status().toString()).contains("\"auth\":\"bearer\"").doesNotContain(token);
            assertThat(daemon.stop().exitCode()).isZero();
        }
        assertThat(tokenFile).as("the token file is removed at stop").doesNotExist();
    }

    @Test
    void authNoneServesAClientWithoutATokenAndWarnsInTheLog() throws Exception {
        int port = ReferenceServers.freePort();
        try (RunningDaemon daemon = startWithEverything(ReferenceServers.gatewayWithoutToken(port))) {
            GatewayClient anonymous = new GatewayClient(GatewayClient.endpoint(port), Optional.empty()).initialize();
            assertThat(anonymous.callTool("everything__echo", JSON.createObjectNode().put("message", "ok")).has("result")).isTrue();

            assertThat(daemon.log()).contains("auth=none").contains("WARN").contains("gateway auth=none: every local user can call"
                    + " every server with the daemon user's rights");
            assertThat(daemon.runtimeDir().resolve(GatewayTokenFile.FILE_NAME)).doesNotExist();
            assertThat(daemon.status().toString()).contains("\"auth\":\"none\"");
        }
    }

    @Test
    void zeroclawConnectReadsTheTokenWithoutAnyTokenConfiguration() throws Exception {
        try (RunningDaemon daemon = startWithEverything(ReferenceServers.gateway(ReferenceServers.freePort()))) {
            Path config = dir.resolve("config.toml");
            // The address comes from the config file, the token from the runtime directory: nothing else to set.
            Process bridge = new ProcessBuilder(Zeroclaw.JAVA, "-jar", Zeroclaw.JAR.toString(), "connect", "--config",
                    config.toString(), "--runtime-dir", daemon.runtimeDir().toString())
                    .redirectError(dir.resolve("connect.err").toFile()).start();
            try (BufferedReader out = new BufferedReader(new InputStreamReader(bridge.getInputStream(), StandardCharsets.UTF_8))) {
                OutputStream in = bridge.getOutputStream();
                in.write((initializeMessage() + "\n" + echo() + "\n").getBytes(StandardCharsets.UTF_8));
                in.flush();
                JsonNode first = JSON.readTree(out.readLine());
                assertThat(first.path("result").path("serverInfo").path("name").asText()).as(first.toString()).isEqualTo("zeroclaw");
                JsonNode second = JSON.readTree(out.readLine());
                assertThat(second.path("result").path("content").get(0).path("text").asText()).as(second.toString())
                        .isEqualTo("Echo: through connect");
                in.close();
                assertThat(bridge.waitFor(RunningDaemon.DEADLINE.toSeconds(), TimeUnit.SECONDS)).isTrue();
            } finally {
                bridge.destroyForcibly();
            }
        }
    }

    @Test
    void noServerInheritsTheVariableThatHoldsTheGatewayToken() throws Exception {
        int port = ReferenceServers.freePort();
        String token = "tok-" + Long.toHexString(System.nanoTime()) + "-secret";
        Path config = Files.writeString(dir.resolve("config.toml"), ReferenceServers.gateway(port)
                + "auth_token_env = \"ZC_IT_TOKEN\"\n"
                + ReferenceServers.everything("everything", "env = { ZC_OWN = \"own-value\" }\n"));
        try (RunningDaemon daemon = RunningDaemon.start(config, dir, Map.of("ZC_IT_TOKEN", token, "ZC_IT_PASSED", "passed"))) {
            long pid = daemon.awaitReady("everything").get("everything");

            List<String> environment = Arrays.asList(new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "environ")),
                    StandardCharsets.UTF_8).split("\0"));
            assertThat(environment).as("the server's environment").noneMatch(entry -> entry.startsWith("ZC_IT_TOKEN="))
                    .noneMatch(entry -> entry.contains(token))
                    .contains("ZC_OWN=own-value", "ZC_IT_PASSED=passed");
            assertThat(daemon.runtimeDir().resolve(GatewayTokenFile.FILE_NAME)).as("no generated token").doesNotExist();
        }
    }

    @Test
    void anotherLocalUserCannotReadTheTokenFile() throws Exception {
        assumeTrue(new com.sun.security.auth.module.UnixSystem().getUid() == 0, "only root can run a client as uid 65534");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/setpriv")), "setpriv (util-linux) is needed");
        int port = ReferenceServers.freePort();
        Path config = Files.writeString(dir.resolve("config.toml"), ReferenceServers.gateway(port));
        try (RunningDaemon daemon = RunningDaemon.start(config, dir, Map.of())) {
            daemon.awaitLog("gateway listening");
            Path tokenFile = daemon.runtimeDir().resolve(GatewayTokenFile.FILE_NAME);
            // The test's own folder made passable, so that only the runtime directory's 0700 and the file's 0600 decide.
            assertThat(daemon.runtimeDir().getParent()).isEqualTo(dir);
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
            Process cat = new ProcessBuilder("/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "cat",
                    tokenFile.toString()).redirectErrorStream(true).start();
            assertThat(cat.waitFor(30, TimeUnit.SECONDS)).isTrue();
            String output = new String(cat.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(cat.exitValue()).as(output).isNotZero();
            assertThat(output).contains("Permission denied").doesNotContain(daemon.gatewayToken().orElseThrow());
        }
    }

    private RunningDaemon startWithEverything(String gateway) throws Exception {
        Path config = Files.writeString(dir.resolve("config.toml"), gateway + ReferenceServers.everything("everything", ""));
        RunningDaemon daemon = RunningDaemon.start(config, dir, Map.of());
        daemon.awaitReady("everything");
        return daemon;
    }

    private static ObjectNode initializeMessage() {
        ObjectNode message = JSON.createObjectNode().put("jsonrpc", "2.0").put("id", 1).put("method", "initialize");
        ObjectNode params = message.putObject("params").put("protocolVersion", "2025-06-18");
        params.putObject("capabilities");
        params.putObject("clientInfo").put("name", "auth-it").put("version", "1");
        return message;
    }

    private static ObjectNode echo() {
        ObjectNode message = JSON.createObjectNode().put("jsonrpc", "2.0").put("id", 2).put("method", "tools/call");
        message.putObject("params").put("name", "everything__echo").putObject("arguments").put("message", "through connect");
        return message;
    }

    private static HttpResponse<String> post(int port, String authorization, JsonNode message) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/mcp"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
                .header("Authorization", authorization)
                .POST(HttpRequest.BodyPublishers.ofString(message.toString())).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }
}
