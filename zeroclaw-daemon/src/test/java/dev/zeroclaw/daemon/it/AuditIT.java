package dev.zeroclaw.daemon.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The audit log ({@code [mcp.audit]}) of a session of the official TypeScript client: one JSON line
 * per {@code tools/call}, {@code prompts/get} and {@code resources/read} (lists are not audited),
 * one per reload, with who, what, where and how it ended; no secret value anywhere in it, not even
 * with {@code log_arguments} and a client that sends one.
 */
class AuditIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void everyCallOfASessionAndAReloadAreOneLineEachWithoutASecret() throws Exception {
        int port = ReferenceServers.freePort();
        Path audit = dir.resolve("audit.jsonl");
        String head = ReferenceServers.gateway(port) + "[mcp.audit]\npath = \"" + audit + "\"\nlog_arguments = true\n";
        Path config = Files.writeString(dir.resolve("config.toml"), head + TelemetryIT.echoServer("fix"));
        try (RunningDaemon daemon = RunningDaemon.start(config, dir, Map.of())) {
            daemon.awaitReady("fix");
            String configSha256 = daemon.status().path("config_sha256").asText();

            JsonNode summary = NodeScript.run("gateway/telemetry-client.mjs", Map.of(
                    "ZC_URL", GatewayClient.endpoint(port).toString(),
                    "ZC_RUNTIME_DIR", daemon.runtimeDir().toString(),
                    "ZC_TRACEPARENT", TelemetryIT.TRACEPARENT,
                    "ZC_ARGUMENT", TelemetryIT.SECRET), dir, daemon);
            assertThat(summary.path("failed").asBoolean()).isTrue();

            List<JsonNode> calls = awaitLines(audit, 5, daemon);
            assertThat(calls).extracting(line -> line.path("method").asText() + " " + line.path("tool").asText(line.path("prompt")
                    .asText(line.path("uri").asText())) + " " + line.path("outcome").asText())
                    .containsExactly(
                            "tools/call fix__echo_meta ok",
                            "prompts/get fix__greet ok",
                            "resources/read " + summary.path("resourceUri").asText() + " ok",
                            "tools/call fix__fail tool_error",
                            "tools/call fix__no_such_tool error");
            JsonNode first = calls.get(0);
            assertThat(first.path("event").asText()).isEqualTo("call");
            assertThat(first.path("client").path("name").asText()).isEqualTo("zeroclaw-telemetry-it");
            assertThat(first.path("client").path("version").asText()).isEqualTo("2.5.0");
            assertThat(first.path("server").asText()).isEqualTo("fix");
            assertThat(first.path("instance").isNumber()).isTrue();
            assertThat(first.path("session").asText()).hasSize(32).isEqualTo(calls.get(4).path("session").asText());
            assertThat(first.path("config_sha256").asText()).isEqualTo(configSha256);
            assertThat(first.path("arguments_sha256").asText()).hasSize(64);
            // log_arguments: the arguments are there, the secret the client sent in them is not.
            assertThat(first.path("arguments").path("n").asInt()).isEqualTo(1);
            assertThat(first.path("arguments").path("note").asText()).isEqualTo("[redacted]");
            assertThat(calls.get(4).path("error_code").asInt()).isEqualTo(-32601);

            Files.writeString(config, head + TelemetryIT.echoServer("fix") + TelemetryIT.echoServer("more"));
            Zeroclaw.CliRun reload = Zeroclaw.cli(Duration.ofSeconds(60), "reload", "--runtime-dir", daemon.runtimeDir().toString());
            assertThat(reload.exitCode()).as(reload.err()).isZero();
            JsonNode reloadLine = awaitLines(audit, 6, daemon).get(5);
            assertThat(reloadLine.path("event").asText()).isEqualTo("reload");
            assertThat(reloadLine.path("trigger").asText()).isEqualTo("control");
            assertThat(reloadLine.path("peer_uid").asLong(-1)).as("the uid of the client that asked, this test's")
                    .isEqualTo(((Number) Files.getAttribute(Path.of("/proc/self"), "unix:uid")).longValue());
            assertThat(reloadLine.path("outcome").asText()).isEqualTo("applied");
            assertThat(reloadLine.path("plan").path("added").toString()).isEqualTo("[\"more\"]");
            assertThat(reloadLine.path("config_sha256").asText()).isNotEqualTo(configSha256).hasSize(64);

            String whole = Files.readString(audit, StandardCharsets.UTF_8);
            assertThat(whole).doesNotContain(TelemetryIT.SECRET);
            assertThat(whole).doesNotContain(daemon.gatewayToken().orElseThrow());
            assertThat(new GatewayClient(GatewayClient.endpoint(port), daemon.gatewayToken()).get("/metrics").body())
                    .contains("zeroclaw_audit_lines_total 6").contains("zeroclaw_audit_lines_dropped_total 0");
        }
    }

    /** The audit file's lines once it has {@code count} (the log is written off the call's thread). */
    private static List<JsonNode> awaitLines(Path audit, int count, RunningDaemon daemon) throws InterruptedException, IOException {
        long end = System.nanoTime() + RunningDaemon.DEADLINE.toNanos();
        List<String> lines = List.of();
        while (System.nanoTime() < end) {
            lines = Files.exists(audit) ? Files.readAllLines(audit, StandardCharsets.UTF_8) : List.of();
            if (lines.size() >= count) {
                List<JsonNode> parsed = new ArrayList<>();
                for (String line : lines) {
                    parsed.add(JSON.readTree(line));
                }
                return parsed;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the audit log has " + lines.size() + " lines, not " + count + ": " + lines + "\n" + daemon.log());
    }
}
