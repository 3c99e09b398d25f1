package dev.zeroclaw.daemon.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zeroclaw.api.GatewayListen;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Gateway edges of issue 14, item 7, against the real daemon: {@code config check} refuses the
 * address the daemon refuses, in the same words; a reload that changes {@code [mcp.gateway] listen}
 * binds the new address and then closes the old one, and a new address that cannot be bound keeps
 * the gateway where it was, which the reload's report says.
 */
class GatewayEdgesIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration CLI_DEADLINE = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    @Test
    void configCheckRefusesANonLoopbackListenWithoutAuthTokenEnvAsTheDaemonDoes() throws Exception {
        Path config = Files.writeString(dir.resolve("config.toml"), "[mcp.gateway]\nlisten = \"0.0.0.0:8765\"\n");
        String refusal = GatewayListen.of("0.0.0.0:8765", false).refusal().orElseThrow();

        Zeroclaw.CliRun check = Zeroclaw.cli(CLI_DEADLINE, "config", "check", "--config", config.toString());
        Zeroclaw.CliRun json = Zeroclaw.cli(CLI_DEADLINE, "config", "check", "--json", "--config", config.toString());
        Zeroclaw.CliRun daemon = Zeroclaw.cli(CLI_DEADLINE, "daemon", "--config", config.toString(),
                "--runtime-dir", dir.resolve("run").toString());

        assertThat(check.exitCode()).as(check.out() + check.err()).isEqualTo(1);
        assertThat(check.err()).contains(config + ":2:").contains(refusal);
        assertThat(json.exitCode()).isEqualTo(1);
        assertThat(JSON.readTree(json.out()).path("errors").toString()).contains("0.0.0.0:8765").contains("auth_token_env");
        assertThat(daemon.exitCode()).isNotZero();
        assertThat(daemon.err()).contains(refusal);

        Path withToken = Files.writeString(dir.resolve("token.toml"),
                "[mcp.gateway]\nlisten = \"0.0.0.0:8765\"\nauth_token_env = \"ZEROCLAW_IT_TOKEN\"\n");
        assertThat(Zeroclaw.cli(CLI_DEADLINE, "config", "check", "--config", withToken.toString()).exitCode()).isZero();
    }

    @Test
    void aReloadMovesTheGatewayToTheNewListenAndKeepsItWhenTheNewOneCannotBeBound() throws Exception {
        int first = ReferenceServers.freePort();
        int second = ReferenceServers.freePort();
        String servers = ReferenceServers.everything("everything", "");
        Path config = Files.writeString(dir.resolve("config.toml"), ReferenceServers.gateway(first) + servers);
        try (RunningDaemon daemon = RunningDaemon.start(config, dir, Map.of())) {
            daemon.awaitReady("everything");
            String token = daemon.gatewayToken().orElseThrow();
            long pid = daemon.server(daemon.status(), "everything").path("pid").asLong();
            assertThat(echo(first, token)).isEqualTo("Echo: before");

            Files.writeString(config, ReferenceServers.gateway(second) + servers);
            JsonNode moved = reload(daemon);

            assertThat(moved.path("warnings")).as(moved.toString()).isEmpty();
            assertThat(echo(second, token)).isEqualTo("Echo: before");
            assertThatThrownBy(() -> echo(first, token)).isInstanceOf(IOException.class);
            assertThat(daemon.status().path("gateway").path("url").asText()).isEqualTo("http://127.0.0.1:" + second + "/mcp");
            assertThat(daemon.server(daemon.status(), "everything").path("pid").asLong()).isEqualTo(pid);

            try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                Files.writeString(config, ReferenceServers.gateway(taken.getLocalPort()) + servers);
                JsonNode kept = reload(daemon);

                assertThat(kept.path("warnings").toString())
                        .contains("could not listen on 127.0.0.1:" + taken.getLocalPort())
                        .contains("the gateway stays on 127.0.0.1:" + second);
                assertThat(echo(second, token)).isEqualTo("Echo: before");
            }

            Files.writeString(config, "[mcp.gateway]\nlisten = \"0.0.0.0:" + first + "\"\n" + servers);
            JsonNode refused = reload(daemon);

            assertThat(refused.path("warnings").toString()).contains("is not a loopback address")
                    .contains("the gateway stays on 127.0.0.1:" + second);
            assertThat(echo(second, token)).isEqualTo("Echo: before");
        }
    }

    private JsonNode reload(RunningDaemon daemon) throws Exception {
        Zeroclaw.CliRun reload = Zeroclaw.cli(CLI_DEADLINE, "reload", "--json", "--runtime-dir", daemon.runtimeDir().toString());
        assertThat(reload.exitCode()).as(reload.out() + reload.err()).isZero();
        return JSON.readTree(reload.out());
    }

    private static String echo(int port, String token) throws IOException, InterruptedException {
        GatewayClient client = new GatewayClient(GatewayClient.endpoint(port), Optional.of(token)).initialize();
        return client.callTool("everything__echo", JSON.createObjectNode().put("message", "before"))
                .path("result").path("content").get(0).path("text").asText();
    }
}
