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
 * The official TypeScript MCP client ({@code @modelcontextprotocol/sdk}) against the real daemon:
 * over Streamable HTTP at {@code /mcp}, and as a stdio server through {@code zeroclaw connect}. It
 * lists the namespaced tools of server-everything and server-memory, calls them, answers
 * server-everything's sampling, elicitation and roots requests relayed by the gateway, and hears
 * {@code list_changed} after a reload that adds a server (see {@code gateway/sdk-client.mjs}).
 */
class GatewaySdkIT {


    @TempDir
    Path dir;

    @Test
    void typescriptClientOverStreamableHttp() throws Exception {
        assertSdkClientWorks("http");
    }

    @Test
    void typescriptClientThroughZeroclawConnect() throws Exception {
        assertSdkClientWorks("stdio");
    }

    private void assertSdkClientWorks(String mode) throws Exception {
        int port = ReferenceServers.freePort();
        String servers = ReferenceServers.gateway(port) + ReferenceServers.everything("everything", "")
                + ReferenceServers.memory("memory", dir.resolve("memory.jsonl"));
        Path config = Files.writeString(dir.resolve("config.toml"), servers);
        Path next = Files.writeString(dir.resolve("next.toml"), servers + ReferenceServers.memory("notes", dir.resolve("notes.jsonl")));
        try (RunningDaemon daemon = RunningDaemon.start(config, dir, Map.of())) {
            daemon.awaitReady("everything", "memory");

            JsonNode summary = runClient(mode, port, daemon, config, next);

            assertThat(summary.path("server").path("name").asText()).isEqualTo("zeroclaw");
            assertThat(names(summary.path("toolsBefore")))
                    .contains("everything__echo", "everything__get-sum", "memory__create_entities", "memory__read_graph")
                    .noneMatch(name -> name.startsWith("notes__"));
            assertThat(summary.path("echo").asText()).isEqualTo("Echo: hello gateway");
            assertThat(summary.path("sum").asText()).contains("5");
            assertThat(summary.path("graph").asText()).contains("\"zeroclaw\"").contains("hot-reloads MCP servers");
            // What the client's handlers returned reached server-everything, which put it in its tool results.
            assertThat(summary.path("sampling").asText()).contains("sampled by the client:").contains("hello relay")
                    .contains("zeroclaw-it-model");
            assertThat(summary.path("elicitation").asText()).contains("- Name: Ada Lovelace").contains("- Agreed to terms: true");
            assertThat(summary.path("roots").asText()).contains("zeroclaw-it-root").contains("file:///srv/zeroclaw-it");
            assertThat(summary.path("asked").toString()).contains("sampling/createMessage", "elicitation/create", "roots/list");
            assertThat(summary.path("unknownError").asText()).contains("gone__tool").contains("'gone'");
            assertThat(summary.path("reload").path("added").toString()).isEqualTo("[\"notes\"]");
            assertThat(summary.path("listChanged").asBoolean()).isTrue();
            assertThat(names(summary.path("toolsAfter"))).contains("notes__read_graph", "everything__echo", "memory__read_graph");
            assertThat(summary.path("addedCall").asText()).contains("entities");
            assertThat(summary.path("echoAfter").asText()).isEqualTo("Echo: still here");
        }
    }

    private JsonNode runClient(String mode, int port, RunningDaemon daemon, Path config, Path next) throws Exception {
        return NodeScript.run("gateway/sdk-client.mjs", Map.of(
                "ZC_MODE", mode,
                "ZC_URL", GatewayClient.endpoint(port).toString(),
                "ZC_JAVA", Zeroclaw.JAVA,
                "ZC_JAR", Zeroclaw.JAR.toString(),
                "ZC_RUNTIME_DIR", daemon.runtimeDir().toString(),
                "ZC_CONFIG", config.toString(),
                "ZC_NEXT_CONFIG", next.toString(),
                "ZC_ADDED_TOOL", "notes__read_graph"), dir, daemon);
    }

    private static List<String> names(JsonNode array) {
        List<String> names = new ArrayList<>();
        array.forEach(name -> names.add(name.asText()));
        return names;
    }
}
