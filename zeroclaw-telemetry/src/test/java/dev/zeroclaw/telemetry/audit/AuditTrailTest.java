package dev.zeroclaw.telemetry.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zeroclaw.api.AuditSettings;
import dev.zeroclaw.diff.ReloadPlan;
import dev.zeroclaw.diff.ServerChange;
import dev.zeroclaw.gateway.observe.ClientRequest;
import dev.zeroclaw.gateway.observe.ObservedRequest;
import dev.zeroclaw.mcp.McpError;
import dev.zeroclaw.telemetry.ObservabilitySources;
import dev.zeroclaw.telemetry.ReloadObservation;
import dev.zeroclaw.telemetry.ReloadOutcome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditTrailTest {

    static final String SECRET = "sk-live-0123456789";
    static final String CONFIG_SHA = "9f2c".repeat(16);

    private final ObjectMapper json = new ObjectMapper();

    @TempDir
    Path dir;

    private List<JsonNode> audit(boolean logArguments, AuditScript script) throws IOException {
        Path path = dir.resolve("audit.jsonl");
        ObservabilitySources sources = new ObservabilitySources("0.1.0", json, () -> Optional.of(CONFIG_SHA), () -> Set.of(SECRET, "on"),
                AuditCounters.NONE);
        try (AuditLog log = AuditLog.open(new AuditSettings(path.toString(), logArguments, 1 << 20, 2), AuditCounters.NONE)) {
            script.run(new AuditTrail(log, logArguments, sources));
        }
        List<JsonNode> lines = new ArrayList<>();
        for (String line : Files.readAllLines(path)) {
            lines.add(json.readTree(line));
        }
        return lines;
    }

    interface AuditScript {
        void run(AuditTrail trail) throws IOException;
    }

    private ClientRequest request(String method, String params) throws IOException {
        return request(method, params, Optional.empty());
    }

    private ClientRequest request(String method, String params, Optional<String> bundle) throws IOException {
        return new ClientRequest("a1b2c3d4e5f60718293a4b5c6d7e8f90", "claude-code", "1.2.3", "2025-06-18", method, json.readTree(params),
                json.getNodeFactory().numberNode(7), bundle);
    }

    @Test
    void aCallOnABundlesViewNamesTheBundle() throws IOException {
        List<JsonNode> lines = audit(false, trail -> {
            ObservedRequest call = trail.start(request("tools/call", "{\"name\":\"fs__read\",\"arguments\":{}}", Optional.of("dev")));
            call.upstream("fs", 1, "tools/call", json.createObjectNode());
            call.end(json.readTree("{\"content\":[]}"), null);
            ObservedRequest whole = trail.start(request("tools/call", "{\"name\":\"fs__read\",\"arguments\":{}}"));
            whole.upstream("fs", 1, "tools/call", json.createObjectNode());
            whole.end(json.readTree("{\"content\":[]}"), null);
        });

        assertThat(lines).hasSize(2);
        assertThat(lines.get(0).path("bundle").asText()).isEqualTo("dev");
        assertThat(lines.get(1).path("bundle").isNull()).isTrue();
    }

    @Test
    void aCallIsOneLineWithWhoWhatWhereAndTheArgumentsHashOnly() throws IOException {
        List<JsonNode> lines = audit(false, trail -> {
            ObservedRequest call = trail.start(request("tools/call",
                    "{\"name\":\"fs__read\",\"arguments\":{\"path\":\"/srv/a\",\"token\":\"" + SECRET + "\"}}"));
            call.upstream("fs", 3, "tools/call", json.createObjectNode());
            call.end(json.readTree("{\"content\":[]}"), null);
        });

        assertThat(lines).hasSize(1);
        JsonNode line = lines.get(0);
        assertThat(line.path("event").asText()).isEqualTo("call");
        assertThat(line.path("method").asText()).isEqualTo("tools/call");
        assertThat(line.path("session").asText()).isEqualTo("a1b2c3d4e5f60718293a4b5c6d7e8f90");
        assertThat(line.path("client").toString()).isEqualTo("{\"name\":\"claude-code\",\"version\":\"1.2.3\"}");
        assertThat(line.path("bundle").isNull()).isTrue();
        assertThat(line.path("server").asText()).isEqualTo("fs");
        assertThat(line.path("instance").asLong()).isEqualTo(3);
        assertThat(line.path("tool").asText()).isEqualTo("fs__read");
        assertThat(line.path("outcome").asText()).isEqualTo("ok");
        assertThat(line.path("duration_ms").isNumber()).isTrue();
        assertThat(line.path("config_sha256").asText()).isEqualTo(CONFIG_SHA);
        assertThat(line.path("arguments_sha256").asText()).hasSize(64)
                .isEqualTo(CanonicalJson.sha256(json.readTree("{\"token\":\"" + SECRET + "\",\"path\":\"/srv/a\"}")));
        assertThat(line.has("arguments")).isFalse();
        assertThat(line.toString()).doesNotContain(SECRET);
        assertThat(line.path("time").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
    }

    @Test
    void loggedArgumentsNeverHoldASecretValue() throws IOException {
        List<JsonNode> lines = audit(true, trail -> trail.start(request("prompts/get",
                "{\"name\":\"fs__greet\",\"arguments\":{\"who\":\"Bearer " + SECRET + "\",\"" + SECRET + "\":1,"
                        + "\"flag\":\"on\",\"word\":\"once\"}}")).end(json.readTree("{}"), null));

        JsonNode arguments = lines.get(0).path("arguments");
        assertThat(arguments.toString()).doesNotContain(SECRET);
        assertThat(arguments.path("who").asText()).isEqualTo(CanonicalJson.REDACTED);
        assertThat(arguments.has(CanonicalJson.REDACTED)).isTrue();
        // A short secret value is taken out where it is a whole value, not inside other words.
        assertThat(arguments.path("flag").asText()).isEqualTo(CanonicalJson.REDACTED);
        assertThat(arguments.path("word").asText()).isEqualTo("once");
        assertThat(lines.get(0).path("prompt").asText()).isEqualTo("fs__greet");
    }

    @Test
    void errorsAndToolErrorsAreOutcomesAndOtherMethodsAreNotAudited() throws IOException {
        List<JsonNode> lines = audit(false, trail -> {
            trail.start(request("tools/list", "{}")).end(json.readTree("{\"tools\":[]}"), null);
            trail.start(request("tools/call", "{\"name\":\"fs__nope\"}"))
                    .end(null, new McpError(McpError.INVALID_PARAMS, "unknown tool 'fs__nope'"));
            trail.start(request("tools/call", "{\"name\":\"fs__fail\",\"arguments\":{}}")).end(json.readTree("{\"isError\":true}"), null);
            trail.start(request("resources/read", "{\"uri\":\"zeroclaw://fs/file:///a\"}")).end(json.readTree("{}"), null);
        });

        assertThat(lines).hasSize(3);
        assertThat(lines.get(0).path("outcome").asText()).isEqualTo("error");
        assertThat(lines.get(0).path("error_code").asInt()).isEqualTo(McpError.INVALID_PARAMS);
        assertThat(lines.get(0).path("server").isNull()).isTrue();
        assertThat(lines.get(0).path("arguments_sha256").isNull()).isTrue();
        assertThat(lines.get(1).path("outcome").asText()).isEqualTo("tool_error");
        assertThat(lines.get(2).path("uri").asText()).isEqualTo("zeroclaw://fs/file:///a");
    }

    @Test
    void aReloadIsOneLineWithTriggerOutcomeAndPlanButNoValues() throws IOException {
        List<JsonNode> lines = audit(false, trail -> {
            ReloadObservation reload = trail.begin(4, "control");
            reload.applying();
            reload.end(new ReloadOutcome(4, "control", OptionalLong.of(1000), "partial", Optional.of(CONFIG_SHA), 12.345,
                    new ReloadPlan(List.of("new"), List.of("gone"), List.of(new ServerChange("fs", List.of("env.API_KEY"))),
                            List.of(), List.of("keep", "other")),
                    Map.of("new", "did not answer initialize within 30 s"), List.of()));
        });

        JsonNode line = lines.get(0);
        assertThat(line.path("event").asText()).isEqualTo("reload");
        assertThat(line.path("trigger").asText()).isEqualTo("control");
        assertThat(line.path("peer_uid").asLong()).isEqualTo(1000);
        assertThat(line.path("outcome").asText()).isEqualTo("partial");
        assertThat(line.path("duration_ms").asDouble()).isEqualTo(12.35);
        assertThat(line.path("plan").toString()).isEqualTo("{\"added\":[\"new\"],\"removed\":[\"gone\"],"
                + "\"restarted\":[{\"name\":\"fs\",\"fields\":[\"env.API_KEY\"]}],\"updated\":[],\"unchanged\":2}");
        assertThat(line.path("failed").path("new").asText()).contains("initialize");
    }
}
