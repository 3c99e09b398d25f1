package dev.zeroclaw.daemon.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code zeroclaw status <server>} and the per-tool series of {@code /metrics}, against the real daemon and a fixture server. */
class StatusServerIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration CLI = Duration.ofSeconds(30);
    private static final String SECRET = "status-server-it-secret-4711";

    @TempDir
    Path dir;

    @Test
    void statusOfAServerShowsItsToolsFiguresItsLastErrorAndItsCrashRestartAndMetricsHasTheToolSeries() throws Exception {
        int port = ReferenceServers.freePort();
        Path config = dir.resolve("config.toml");
        Files.writeString(config, ReferenceServers.gateway(port) + server("fs", "--tools", "2", "--tool-name", "echo")
                + "env = { API_KEY = \"" + SECRET + "\" }\n");
        try (RunningDaemon daemon = RunningDaemon.start(config, dir, Map.of())) {
            long pid = daemon.awaitReady("fs").get("fs");
            String runtime = daemon.runtimeDir().toString();
            GatewayClient client = new GatewayClient(GatewayClient.endpoint(port), daemon.gatewayToken()).initialize();
            for (int i = 0; i < 3; i++) {
                assertThat(client.callTool("fs__echo", JSON.createObjectNode()).path("result").path("content").get(0)
                        .path("text").asText()).startsWith("called echo");
            }
            // The fixture lists tool_0 but answers a call to it with an MCP error.
            JsonNode failed = client.callTool("fs__tool_0", JSON.createObjectNode());
            assertThat(failed.path("error").path("code").asInt()).isEqualTo(-32601);

            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
            daemon.awaitStatus("fs READY again under a new pid", status -> {
                JsonNode fs = daemon.server(status, "fs");
                return fs.path("state").asText().equals("READY") && fs.path("pid").asLong() != pid;
            });

            Zeroclaw.CliRun run = Zeroclaw.cli(CLI, "status", "fs", "--json", "--runtime-dir", runtime);
            assertThat(run.exitCode()).as(run.err()).isZero();
            JsonNode document = JSON.readTree(run.out());
            assertThat(document.path("server").path("name").asText()).isEqualTo("fs");
            assertThat(document.path("server").path("state").asText()).isEqualTo("READY");
            assertThat(document.path("server").path("restarts").asInt()).isEqualTo(1);

            JsonNode echo = tool(document, "echo");
            assertThat(echo.path("exposed").asText()).isEqualTo("fs__echo");
            assertThat(echo.path("calls").asLong()).isEqualTo(3);
            assertThat(echo.path("errors").asLong()).isZero();
            assertThat(echo.path("p50_ms").asDouble()).isPositive();
            assertThat(echo.path("p99_ms").asDouble()).isGreaterThanOrEqualTo(echo.path("p50_ms").asDouble());
            JsonNode tool0 = tool(document, "tool_0");
            assertThat(tool0.path("calls").asLong()).isEqualTo(1);
            assertThat(tool0.path("errors").asLong()).isEqualTo(1);
            JsonNode tool1 = tool(document, "tool_1");
            assertThat(tool1.path("calls").asLong()).isZero();
            assertThat(tool1.path("p50_ms").isNull()).isTrue();

            assertThat(document.path("last_errors")).hasSize(1);
            JsonNode lastError = document.path("last_errors").get(0);
            assertThat(lastError.path("method").asText()).isEqualTo("tools/call");
            assertThat(lastError.path("tool").asText()).isEqualTo("tool_0");
            assertThat(lastError.path("code").asInt()).isEqualTo(-32601);
            assertThat(lastError.path("message").asText()).isEqualTo(failed.path("error").path("message").asText())
                    .contains("server 'fs'").contains("method not found");

            JsonNode starts = document.path("starts");
            assertThat(starts).hasSize(2);
            assertThat(starts.get(0).path("instance").asLong()).isEqualTo(1);
            assertThat(starts.get(0).path("pid").asLong()).isEqualTo(pid);
            assertThat(starts.get(0).path("reason").asText()).isEqualTo("first start");
            assertThat(starts.get(1).path("instance").asLong()).isEqualTo(2);
            assertThat(starts.get(1).path("pid").asLong()).isEqualTo(document.path("server").path("pid").asLong());
            assertThat(starts.get(1).path("reason").asText()).startsWith("crash: ");
            System.out.println("StatusServerIT: the crash restart's reason: " + starts.get(1).path("reason").asText());

            String metrics = new GatewayClient(GatewayClient.endpoint(port), daemon.gatewayToken()).get("/metrics").body();
            assertThat(metrics)
                    .contains("zeroclaw_gateway_tool_calls_total{server=\"fs\",tool=\"echo\"} 3")
                    .contains("zeroclaw_gateway_tool_call_errors_total{server=\"fs\",tool=\"tool_0\"} 1")
                    .contains("zeroclaw_gateway_tool_call_duration_seconds_count{server=\"fs\",tool=\"echo\"} 3")
                    .contains("zeroclaw_gateway_calls_total{server=\"fs\"} 4")
                    .contains("zeroclaw_gateway_call_errors_total{server=\"fs\"} 1");

            // A server added by a reload says so.
            Files.writeString(config, Files.readString(config) + server("web", "--tools", "1"));
            Zeroclaw.CliRun reload = Zeroclaw.cli(CLI, "reload", "--runtime-dir", runtime);
            assertThat(reload.exitCode()).as(reload.err()).isZero();
            Zeroclaw.CliRun web = Zeroclaw.cli(CLI, "status", "web", "--json", "--runtime-dir", runtime);
            assertThat(JSON.readTree(web.out()).path("starts").get(0).path("reason").asText()).isEqualTo("added by reload");

            Zeroclaw.CliRun human = Zeroclaw.cli(CLI, "status", "fs", "--runtime-dir", runtime);
            assertThat(human.exitCode()).as(human.err()).isZero();
            assertThat(human.out())
                    .containsPattern("(?m)^fs\\s+stdio\\s+READY\\s+\\d+")
                    .containsPattern("(?m)^fs__echo\\s+echo\\s+3\\s+0\\s+\\S+ ms\\s+\\S+ ms$")
                    .containsPattern("(?m)^\\S+ tools/call tool_0 -32601: server 'fs': .*method not found$")
                    .containsPattern("(?m)^\\S+ instance 1 pid " + pid + ": first start$")
                    .containsPattern("(?m)^\\S+ instance 2 pid \\d+: crash: ");
            assertThat(run.out() + human.out() + metrics).doesNotContain(SECRET);

            Zeroclaw.CliRun unknown = Zeroclaw.cli(CLI, "status", "nosuch", "--runtime-dir", runtime);
            assertThat(unknown.exitCode()).isEqualTo(1);
            assertThat(unknown.err()).contains("unknown server 'nosuch'").contains("fs, web").doesNotContain("Exception");
        }
        Zeroclaw.CliRun none = Zeroclaw.cli(CLI, "status", "fs", "--runtime-dir", dir.resolve("none").toString());
        assertThat(none.exitCode()).isEqualTo(3);
        assertThat(none.err()).contains("no zeroclaw daemon is running");
    }

    private static JsonNode tool(JsonNode document, String name) {
        for (JsonNode tool : document.path("tools")) {
            if (tool.path("name").asText().equals(name)) {
                return tool;
            }
        }
        throw new AssertionError("no tool " + name + " in " + document.path("tools"));
    }

    private static String server(String name, String... options) {
        List<String> args = new ArrayList<>(List.of(Zeroclaw.FIXTURE.toString()));
        args.addAll(List.of(options));
        return "[[mcp.servers]]\nname = \"" + name + "\"\ncommand = \"node\"\nargs = " + Zeroclaw.toml(args) + "\n";
    }

}
