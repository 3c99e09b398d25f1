package dev.zeroclaw.daemon.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Deferred loading (issue 14, item 4) with the official TypeScript MCP client through
 * {@code zeroclaw connect}: with {@code [mcp] deferred_loading = true} the list holds
 * {@code tool_search} and {@code tool_call}; a search finds server-everything's echo with its schema
 * and {@code tool_call} calls it; a server added by a reload after the first search, and its new
 * description after a restart, show at the next search; turning the setting off by a reload sends
 * {@code list_changed} and lists every tool. {@code status --json} and {@code config check --json}
 * give each server's tool-definition size.
 */
class DeferredLoadingIT {

    @TempDir
    Path dir;

    @Test
    void aDeferredClientFindsAndCallsToolsOfServersThatCameLaterOrChanged() throws Exception {
        int port = ReferenceServers.freePort();
        Path state = dir.resolve("state");
        Path description = Files.writeString(dir.resolve("description.txt"), "first description");
        String deferred = "[mcp]\ndeferred_loading = true\n" + ReferenceServers.gateway(port);
        String everything = ReferenceServers.everything("everything", "");
        String late = "[[mcp.servers]]\nname = \"late\"\ncommand = \"node\"\nargs = " + Zeroclaw.toml(List.of(
                Zeroclaw.FIXTURE.toString(), "--tools", "2", "--description-from", description.toString())) + "\n";
        Path config = Files.writeString(dir.resolve("config.toml"), deferred + everything);
        Path added = Files.writeString(dir.resolve("added.toml"), deferred + everything + late);
        Path eager = Files.writeString(dir.resolve("eager.toml"), ReferenceServers.gateway(port) + everything + late);
        try (RunningDaemon daemon = RunningDaemon.start(config, dir, Map.of(), List.of("--state-dir", state.toString()))) {
            daemon.awaitReady("everything");
            long everythingPid = daemon.server(daemon.status(), "everything").path("pid").asLong();

            JsonNode summary = NodeScript.runConnected("gateway/deferred-client.mjs", Map.of(
                    "ZC_CONFIG", config.toString(),
                    "ZC_ADDED_CONFIG", added.toString(),
                    "ZC_EAGER_CONFIG", eager.toString(),
                    "ZC_DESCRIPTION", description.toString()), dir, daemon);

            assertThat(texts(summary.path("tools"))).containsExactly("tool_search", "tool_call");
            assertThat(summary.path("searchSchema").path("required").toString()).isEqualTo("[\"query\"]");

            JsonNode echo = summary.path("echoSearch").path("tools").get(0);
            assertThat(echo.path("name").asText()).isEqualTo("everything__echo");
            assertThat(echo.path("description").asText()).isNotEmpty();
            assertThat(echo.path("inputSchema").path("properties").has("message")).isTrue();
            assertThat(summary.path("globSearch").path("matched").asInt()).isEqualTo(EverythingServer.TOOLS);
            assertThat(texts(summary.path("globSearch").path("tools").findValues("name").stream()
                    .filter(JsonNode::isTextual).toList())).allMatch(name -> name.startsWith("everything__"));
            assertThat(summary.path("toolCall").asText()).isEqualTo("Echo: deferred hello");
            assertThat(summary.path("directCall").asText()).isEqualTo("Echo: cached name");
            // Routed by its prefix to everything, which answers that it has no such tool, as for a direct call.
            assertThat(summary.path("unknownCall").asText()).contains("nope").contains("not found");
            assertThat(summary.path("badSearch").path("isError").asBoolean()).isTrue();

            assertThat(summary.path("lateBefore").path("matched").asInt()).isZero();
            assertThat(summary.path("addReload").path("added").toString()).isEqualTo("[\"late\"]");
            assertThat(texts(summary.path("lateAfter").path("tools").findValues("name").stream()
                    .filter(JsonNode::isTextual).toList())).contains("late__tool_0", "late__tool_1");
            assertThat(summary.path("lateCall").asText()).isEqualTo("called tool_1");
            assertThat(summary.path("afterRestart").path("tools").get(0).path("description").asText())
                    .isEqualTo("second description");

            assertThat(summary.path("eagerReload").path("restarted")).isEmpty();
            assertThat(texts(summary.path("eagerTools"))).hasSize(EverythingServer.TOOLS + 2)
                    .contains("everything__echo", "late__tool_0").doesNotContain("tool_search", "tool_call");

            JsonNode status = daemon.status();
            assertThat(daemon.server(status, "everything").path("pid").asLong()).isEqualTo(everythingPid);
            JsonNode sizes = daemon.server(status, "everything").path("tool_definitions");
            assertThat(sizes.path("tools").asInt()).isEqualTo(EverythingServer.TOOLS);
            assertThat(sizes.path("bytes").asLong()).isGreaterThan(1_000);
            assertThat(sizes.path("tokens_estimate").asLong()).isEqualTo((sizes.path("bytes").asLong() + 3) / 4);
            JsonNode total = status.path("tool_definitions");
            assertThat(total.path("deferred_loading").asBoolean()).isFalse();
            assertThat(total.path("bytes").asLong()).isEqualTo(sizes.path("bytes").asLong()
                    + daemon.server(status, "late").path("tool_definitions").path("bytes").asLong());
            assertThat(total.path("deferred").path("tools").asInt()).isEqualTo(2);
            assertThat(total.path("deferred").path("bytes").asLong()).isPositive().isLessThan(sizes.path("bytes").asLong());

            Zeroclaw.CliRun human = Zeroclaw.cli(RunningDaemon.DEADLINE, "status", "--runtime-dir", daemon.runtimeDir().toString());
            assertThat(human.out()).contains("tool definitions " + (EverythingServer.TOOLS + 2) + " tools, "
                    + total.path("bytes").asLong() + " bytes (~" + total.path("tokens_estimate").asLong()
                    + " tokens); deferred_loading off, a deferred list " + total.path("deferred").path("bytes").asLong() + " bytes");

            Zeroclaw.CliRun check = Zeroclaw.cli(RunningDaemon.DEADLINE, "config", "check", "--config", config.toString(),
                    "--state-dir", state.toString(), "--json");
            assertThat(check.exitCode()).as(check.err()).isZero();
            JsonNode checked = new ObjectMapper().readTree(check.out());
            assertThat(checked.path("servers").get(0).path("tool_definitions")).isEqualTo(sizes);
        }
    }

    private static List<String> texts(Iterable<JsonNode> array) {
        List<String> texts = new ArrayList<>();
        array.forEach(node -> texts.add(node.asText()));
        return texts;
    }
}
