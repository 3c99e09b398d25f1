package dev.zeroclaw.daemon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiffCommandTest {

    /** Upstream ZeroClaw's documented forms, with inline tables. */
    private static final String INLINE = """
            [mcp]
            enabled = true
            deferred_loading = true

            [[mcp.servers]]
            name = "my_local_tool"
            transport = "stdio"
            command = "node"
            args = ["/path/to/server.js"]
            env = { "API_KEY" = "secret_value", LOG_LEVEL = "debug" }

            [[mcp.servers]]
            name = "primary"
            transport = "sse"
            url = "https://mcp.example.invalid/sse"
            command = ""
            headers = { "Authorization" = "Bearer mcp-cred", "X-Tenant" = "tenant-42" }

            [mcp_bundles.files]
            servers = ["my_local_tool"]
            """;

    /** The same servers with sub-tables, bare keys and another key order. */
    private static final String SUB_TABLES = """
            [agents.assistant]
            mcp_bundles = ["files"]

            [mcp]
            deferred_loading = true
            enabled = true

            [[mcp.servers]]
            command = "node"
            name = "my_local_tool"
            args = ["/path/to/server.js"]

            [mcp.servers.env]
            LOG_LEVEL = "debug"
            "API_KEY" = "secret_value"

            [[mcp.servers]]
            name = "primary"
            transport = "sse"
            command = ""
            url = "https://mcp.example.invalid/sse"

            [mcp.servers.headers]
            X-Tenant = "tenant-42"
            Authorization = "Bearer mcp-cred"

            [mcp_bundles]
            files = { servers = ["my_local_tool"] }
            """;

    @TempDir
    Path dir;

    @Test
    void twoSpellingsOfTheSameServersAreNoChange() throws Exception {
        CommandLineRun run = CommandLineRun.of("diff", write("a.toml", INLINE), write("b.toml", SUB_TABLES));

        assertThat(run.err()).isEmpty();
        assertThat(run.out()).isEqualTo("no change: 2 servers unchanged\n");
        assertThat(run.exitCode()).isZero();
    }

    @Test
    void aChangedHeaderRestartsThatServerAndItsValueAppearsNowhere() throws Exception {
        String rotated = SUB_TABLES.replace("Bearer mcp-cred", "Bearer rotated-cred-77");

        CommandLineRun human = CommandLineRun.of("diff", write("a.toml", INLINE), write("b.toml", rotated));
        CommandLineRun json = CommandLineRun.of("diff", "--json", write("a.toml", INLINE), write("b.toml", rotated));

        assertThat(human.exitCode()).isEqualTo(1);
        assertThat(human.out()).isEqualTo("""
                0 added, 0 removed, 1 restarted, 0 updated, 1 unchanged
                  ~ primary (restart: headers.Authorization)
                """);
        JsonNode document = new ObjectMapper().readTree(json.out());
        assertThat(json.exitCode()).isEqualTo(1);
        assertThat(document.get("restarted")).hasSize(1);
        assertThat(document.get("restarted").get(0).get("name").asText()).isEqualTo("primary");
        assertThat(document.get("restarted").get(0).get("fields").get(0).asText()).isEqualTo("headers.Authorization");
        assertThat(document.get("unchanged").get(0).asText()).isEqualTo("my_local_tool");
        assertThat(document.has("duration_ms")).isFalse();
        for (CommandLineRun run : new CommandLineRun[] {human, json}) {
            assertThat(run.all()).doesNotContain("rotated-cred-77").doesNotContain("mcp-cred")
                    .doesNotContain("secret_value");
        }
    }

    @Test
    void addedRemovedAndUpdatedServersAreListed() throws Exception {
        String next = INLINE.replace("name = \"primary\"", "name = \"secondary\"")
                .replace("args = [\"/path/to/server.js\"]", "args = [\"/path/to/server.js\"]\ntool_timeout_secs = 30");

        CommandLineRun run = CommandLineRun.of("diff", write("a.toml", INLINE), write("b.toml", next));

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).isEqualTo("""
                1 added, 1 removed, 0 restarted, 1 updated, 0 unchanged
                  + secondary
                  - primary
                  * my_local_tool (update: tool_timeout_secs)
                """);
    }

    @Test
    void anInvalidInputIsExitTwoWithItsPosition() throws Exception {
        String broken = INLINE.replace("transport = \"stdio\"", "transport = \"stdoi\"");

        CommandLineRun run = CommandLineRun.of("diff", write("a.toml", INLINE), write("b.toml", broken));

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("b.toml:7:").contains("'stdoi'").contains("stdio");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void anInvalidInputInJsonIsADocumentWithErrors() throws Exception {
        CommandLineRun run = CommandLineRun.of("diff", "--json", write("a.toml", INLINE), dir.resolve("missing.toml").toString());

        JsonNode document = new ObjectMapper().readTree(run.out());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(document.get("ok").asBoolean()).isFalse();
        assertThat(document.get("errors").get(0).get("message").asText()).contains("no such file");
    }

    @Test
    void helpAndVersionExitZero() {
        CommandLineRun help = CommandLineRun.of("diff", "--help");
        CommandLineRun version = CommandLineRun.of("--version");

        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("Usage: zeroclaw diff").contains("OLD").contains("NEW").contains("Exit codes");
        assertThat(version.exitCode()).isZero();
        assertThat(version.out()).startsWith("zeroclaw ");
    }

    @Test
    void aMissingArgumentIsAUsageError() {
        CommandLineRun run = CommandLineRun.of("diff", "only-one.toml");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("Missing required parameter: 'NEW'");
    }

    @Test
    void noCommandPrintsUsage() {
        CommandLineRun run = CommandLineRun.of();

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("Usage: zeroclaw").contains("diff").contains("config");
    }

    private String write(String name, String toml) throws Exception {
        return Files.writeString(dir.resolve(name), toml).toString();
    }
}
