package dev.zeroclaw.daemon.imports;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zeroclaw.api.ServerSpec;
import dev.zeroclaw.config.ConfigParser;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tomlj.Toml;
import org.tomlj.TomlArray;
import org.tomlj.TomlParseResult;
import org.tomlj.TomlTable;

/** The TOML an import prints, read back by zeroclaw's own parser: the same servers. */
class ServerTomlTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "claude-desktop, claude_desktop_config.json, c.json",
        "vscode, vscode-mcp.json, ws/.vscode/mcp.json",
        "vscode, vscode-settings.json, settings.json",
        "cursor, cursor-mcp.json, mcp.json",
        "cursor, cursor-mcp.json, shop/.cursor/mcp.json"})
    void importThenParseGivesTheSameServers(String client, String resource, String target) throws Exception {
        ImportReport report = read(client, ClientFiles.copy(resource, dir.resolve(target)));

        List<ServerSpec> parsed = new ConfigParser().parse("imported.toml",
                ServerToml.render(report, ServerToml.SERVERS).getBytes(StandardCharsets.UTF_8)).servers();

        assertThat(report.servers()).isNotEmpty();
        assertThat(parsed).isEqualTo(report.servers().stream().map(ImportedServer::spec).toList());
    }

    @Test
    void theVscodeFileAsAUserSeesIt() throws Exception {
        Path file = ClientFiles.copy("vscode-mcp.json", dir.resolve("ws/.vscode/mcp.json"));

        String toml = ServerToml.render(read("vscode", file), ServerToml.SERVERS);

        assertThat(toml).isEqualTo("""
                # Imported by 'zeroclaw import vscode' from %1$s

                [[mcp.servers]]
                name = "Perplexity"
                transport = "stdio"
                command = "npx"
                args = ["-y", "server-perplexity-ask"]

                [mcp.servers.env]
                PERPLEXITY_MODEL = "sonar"
                # PERPLEXITY_API_KEY = "${env:PERPLEXITY_API_KEY}"  # left out: VS Code prompts for ${input:perplexity-key} (Perplexity API Key)

                [[mcp.servers]]
                name = "fetch"
                transport = "stdio"
                command = "uvx"
                args = ["mcp-server-fetch"]

                [[mcp.servers]]
                name = "workspace-tools"
                transport = "stdio"
                command = "node"
                args = ["%2$s/tools/mcp.js", "--cache", "/home/ada/.cache/tools", "--user", "${env:USER}"]

                [[mcp.servers]]
                name = "my-remote-server"
                transport = "sse"
                url = "http://api.contoso.com/sse"

                [mcp.servers.headers]
                VERSION = "1.2"

                [[mcp.servers]]
                name = "context7"
                transport = "http"
                url = "https://mcp.context7.com/mcp"

                [mcp.servers.headers]
                # Authorization = "${env:AUTHORIZATION}"  # left out: VS Code prompts for ${input:context7-token}
                """.formatted(file, dir.resolve("ws")));
    }

    @Test
    void anyNameAndAnyValueSurviveTheTrip() throws Exception {
        Path file = Files.writeString(dir.resolve("names.json"), """
                {"mcpServers": {
                  "github.com": {"command": "gh", "args": ["--title", "say \\"hi\\"\\n\\ttab"]},
                  "my server": {"command": "C:\\\\tools\\\\run.exe", "env": {"X.Y": "caf\\u00e9 \\ud83d\\ude80", "Z": "\\u001b[31m"}},
                  "quote\\"and\\\\back": {"url": "https://h/mcp?q=a#b", "headers": {"X Weird": "#hash = 'x'"}}
                }}
                """);
        ImportReport report = read("claude-desktop", file);

        String toml = ServerToml.render(report, ServerToml.SERVERS);
        TomlParseResult parsed = Toml.parse(toml);

        assertThat(parsed.errors()).isEmpty();
        assertThat(toml.chars().allMatch(c -> c < 0x80)).isTrue();
        TomlArray servers = parsed.getArray("mcp.servers");
        assertThat(servers.size()).isEqualTo(3);
        assertThat(servers.getTable(0).getString("name")).isEqualTo("github.com");
        assertThat(servers.getTable(0).getArray("args").toList()).containsExactly("--title", "say \"hi\"\n\ttab");
        TomlTable second = servers.getTable(1);
        assertThat(second.getString("name")).isEqualTo("my server");
        assertThat(second.getString("command")).isEqualTo("C:\\tools\\run.exe");
        assertThat(second.getTable("env").toMap()).isEqualTo(Map.of("X.Y", "café \uD83D\uDE80", "Z", "\u001b[31m"));
        TomlTable third = servers.getTable(2);
        assertThat(third.getString("name")).isEqualTo("quote\"and\\back");
        assertThat(third.getString("url")).isEqualTo("https://h/mcp?q=a#b");
        assertThat(third.getTable("headers").toMap()).isEqualTo(Map.of("X Weird", "#hash = 'x'"));
    }

    @Test
    void aFileThatSpellsTheArrayMcpServersGetsThatSpelling() throws Exception {
        ImportReport report = read("claude-desktop", ClientFiles.copy("claude_desktop_config.json", dir.resolve("c.json")));

        String toml = ServerToml.render(report, "mcp.mcpServers");

        assertThat(toml).contains("[[mcp.mcpServers]]\nname = \"github\"").contains("[mcp.mcpServers.env]\n")
                .doesNotContain("[[mcp.servers]]");
        assertThat(new ConfigParser().parse("x.toml", toml.getBytes(StandardCharsets.UTF_8)).servers())
                .hasSize(report.servers().size());
    }

    private ImportReport read(String client, Path file) throws ImportException {
        return new ClientImporter(ClientFiles.environment(dir)).read(ClientFormat.byCliName(client).orElseThrow(), Optional.of(file));
    }
}
