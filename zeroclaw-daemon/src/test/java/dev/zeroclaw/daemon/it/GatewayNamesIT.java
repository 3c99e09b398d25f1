package dev.zeroclaw.daemon.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Names every client accepts (issue 14, item 3), with the official TypeScript MCP client through
 * {@code zeroclaw connect} (which finds the gateway by asking the running daemon): a fixture server
 * with a 70-character tool name and one holding a dot, and a server named {@code github.com}, are
 * listed under valid names and callable by them; a reload that gives {@code github.com} a
 * {@code tool_prefix} is an update (same pid) that sends {@code list_changed}, after which the tool
 * answers under its new name; and a reload that moves the gateway to another port (item 7) leaves
 * the client's bridge able to call, as it finds the new address through the daemon.
 */
class GatewayNamesIT {

    private static final String VALID = "^[a-zA-Z0-9_-]{1,64}$";
    private static final String SEVENTY = "get_the_whole_repository_tree_with_every_file_and_its_history_in_order";

    @TempDir
    Path dir;

    @Test
    void longDottedAndHostNamedToolsAreListedUnderValidNamesAndCallable() throws Exception {
        assertThat(SEVENTY).hasSize(70);
        int port = ReferenceServers.freePort();
        String fixture = "[[mcp.servers]]\nname = \"fixture\"\ncommand = \"node\"\nargs = " + Zeroclaw.toml(List.of(
                Zeroclaw.FIXTURE.toString(), "--tools", "0", "--tool-name", SEVENTY, "--tool-name", "files.read")) + "\n";
        String github = "[[mcp.servers]]\nname = \"github.com\"\n" + Zeroclaw.fixtureServer("none", 1);
        Path config = Files.writeString(dir.resolve("config.toml"), ReferenceServers.gateway(port) + fixture + github);
        Path next = Files.writeString(dir.resolve("next.toml"),
                ReferenceServers.gateway(port) + fixture + github + "tool_prefix = \"gh\"\n");
        int movedPort = ReferenceServers.freePort();
        Path moved = Files.writeString(dir.resolve("moved.toml"),
                ReferenceServers.gateway(movedPort) + fixture + github + "tool_prefix = \"gh\"\n");
        try (RunningDaemon daemon = RunningDaemon.start(config, dir, Map.of())) {
            daemon.awaitReady("fixture", "github.com");
            long githubPid = daemon.server(daemon.status(), "github.com").path("pid").asLong();

            JsonNode summary = NodeScript.runConnected("gateway/names-client.mjs", Map.of(
                    "ZC_CONFIG", config.toString(),
                    "ZC_NEXT_CONFIG", next.toString(),
                    "ZC_MOVED_CONFIG", moved.toString()), dir, daemon);

            List<String> before = names(summary.path("toolsBefore"));
            assertThat(before).hasSize(3).allMatch(name -> name.matches(VALID))
                    .contains("fixture__files_read", "github_com__tool_0");
            String cut = before.stream().filter(name -> name.startsWith("fixture__get_the_whole")).findFirst().orElseThrow();
            assertThat(cut).hasSize(64).matches(".*_[0-9a-f]{6}");
            assertThat(summary.path("callsBefore").path(cut).asText()).isEqualTo("called " + SEVENTY + " {\"n\":1}");
            assertThat(summary.path("callsBefore").path("fixture__files_read").asText()).isEqualTo("called files.read {\"n\":1}");
            assertThat(summary.path("callsBefore").path("github_com__tool_0").asText()).contains("method not found");

            assertThat(summary.path("reload").path("updated").toString()).contains("github.com").contains("tool_prefix");
            assertThat(summary.path("reload").path("restarted")).isEmpty();
            List<String> after = names(summary.path("toolsAfter"));
            assertThat(after).containsExactlyInAnyOrder(cut, "fixture__files_read", "gh__tool_0");
            assertThat(summary.path("callsAfter").path(cut).asText()).isEqualTo("called " + SEVENTY + " {\"n\":1}");

            assertThat(summary.path("moveReload").path("warnings")).isEmpty();
            assertThat(summary.path("callAfterMove").asText()).isEqualTo("called files.read {\"n\":2}");

            JsonNode status = daemon.status();
            assertThat(status.path("gateway").path("url").asText()).isEqualTo("http://127.0.0.1:" + movedPort + "/mcp");
            assertThat(daemon.server(status, "github.com").path("pid").asLong()).isEqualTo(githubPid);
            assertThat(daemon.server(status, "github.com").path("prefix").asText()).isEqualTo("gh");
            assertThat(daemon.server(status, "fixture").path("renamed").toString())
                    .contains("{\"exposed\":\"" + cut + "\",\"original\":\"" + SEVENTY + "\"}")
                    .contains("{\"exposed\":\"fixture__files_read\",\"original\":\"files.read\"}");
        }
    }

    private static List<String> names(JsonNode array) {
        List<String> names = new ArrayList<>();
        array.forEach(name -> names.add(name.asText()));
        return names;
    }
}
