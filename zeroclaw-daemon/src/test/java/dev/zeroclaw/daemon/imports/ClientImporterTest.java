package dev.zeroclaw.daemon.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zeroclaw.api.ServerSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClientImporterTest {

    @TempDir
    Path dir;

    @Test
    void claudeDesktopStdioEntriesKeepCommandArgsEnvAndCwd() throws Exception {
        ImportReport report = read(ClientFormat.CLAUDE_DESKTOP, ClientFiles.copy("claude_desktop_config.json", dir.resolve("c.json")));

        assertThat(specs(report)).containsExactly(
                ServerSpec.builder("filesystem").command("npx")
                        .args(List.of("-y", "@modelcontextprotocol/server-filesystem", "/home/ada/Desktop", "/home/ada/Downloads"))
                        .build(),
                ServerSpec.builder("github").command("npx").args(List.of("-y", "@modelcontextprotocol/server-github"))
                        .putEnv("GITHUB_PERSONAL_ACCESS_TOKEN", "ghp_claude0secret0value0123456789").build(),
                ServerSpec.builder("sqlite").command("uvx")
                        .args(List.of("mcp-server-sqlite", "--db-path", "/home/ada/data/notes \"2024\".db")).build(),
                ServerSpec.builder("weather").command("/opt/weather/bin/weather-mcp").cwd("/tmp")
                        .putEnv("WEATHER_API_KEY", "wx-claude-key-7f3a").putEnv("UNITS", "metric").build());
        assertThat(report.warnings()).containsExactly(
                "server 'github': env.GITHUB_PERSONAL_ACCESS_TOKEN carried over as a literal secret",
                "server 'sqlite': field 'disabled' not mapped: zeroclaw has no such setting",
                "server 'weather': env.WEATHER_API_KEY carried over as a literal secret",
                "server 'weather': env.UNITS carried over as a literal secret");
        assertNoSecretIn(report.warnings());
    }

    @Test
    void vscodeWorkspaceFileResolvesItsFolderAndLeavesInputsOut() throws Exception {
        Path workspace = dir.resolve("project");
        ImportReport report = read(ClientFormat.VSCODE, ClientFiles.copy("vscode-mcp.json", workspace.resolve(".vscode/mcp.json")));

        assertThat(specs(report)).containsExactly(
                ServerSpec.builder("Perplexity").command("npx").args(List.of("-y", "server-perplexity-ask"))
                        .putEnv("PERPLEXITY_MODEL", "sonar").build(),
                ServerSpec.builder("fetch").command("uvx").args(List.of("mcp-server-fetch")).build(),
                ServerSpec.builder("workspace-tools").command("node")
                        .args(List.of(workspace + "/tools/mcp.js", "--cache", "/home/ada/.cache/tools", "--user", "${env:USER}"))
                        .build(),
                ServerSpec.builder("my-remote-server").transport("sse").url("http://api.contoso.com/sse")
                        .putHeader("VERSION", "1.2").build(),
                ServerSpec.builder("context7").transport("http").url("https://mcp.context7.com/mcp").build());
        assertThat(report.servers().get(0).leftOut()).containsExactly(new ImportedServer.LeftOut("env", "PERPLEXITY_API_KEY",
                "VS Code prompts for ${input:perplexity-key} (Perplexity API Key)"));
        assertThat(report.servers().get(4).leftOut()).containsExactly(new ImportedServer.LeftOut("headers", "Authorization",
                "VS Code prompts for ${input:context7-token}"));
        assertThat(report.warnings()).containsExactly(
                "server 'Perplexity': env.PERPLEXITY_API_KEY left out: VS Code prompts for ${input:perplexity-key} (Perplexity"
                        + " API Key); write it as env.PERPLEXITY_API_KEY = \"${env:NAME}\" or \"${file:PATH}\" (a commented line"
                        + " marks its place)",
                "server 'Perplexity': env.PERPLEXITY_MODEL carried over as a literal secret",
                "server 'workspace-tools': args[4] holds ${env:USER}, which VS Code fills in and zeroclaw does not; kept as"
                        + " written, replace it",
                "server 'workspace-tools': field 'envFile' not mapped: zeroclaw reads no env file: put its variables in env,"
                        + " as ${env:NAME} or ${file:PATH} references",
                "server 'workspace-tools': field 'dev' not mapped: VS Code's development mode (watch and debug)",
                "server 'my-remote-server': headers.VERSION carried over as a literal secret",
                "server 'context7': headers.Authorization left out: VS Code prompts for ${input:context7-token}; write it as"
                        + " headers.Authorization = \"${env:NAME}\" or \"${file:PATH}\" (a commented line marks its place)");
    }

    @Test
    void vscodeUserSettingsKeepTheServersUnderMcp() throws Exception {
        ImportReport report = read(ClientFormat.VSCODE, ClientFiles.copy("vscode-settings.json", dir.resolve("settings.json")));

        assertThat(specs(report)).containsExactly(
                ServerSpec.builder("my-mcp-server").command("my-command").build(),
                ServerSpec.builder("memory").command("npx").args(List.of("-y", "@modelcontextprotocol/server-memory"))
                        .putEnv("MEMORY_FILE_PATH", "/home/ada/memory.jsonl").build());
        assertThat(report.warnings()).containsExactly("server 'memory': env.MEMORY_FILE_PATH carried over as a literal secret");
    }

    @Test
    void cursorRemoteEntriesBecomeHttpOrSseWithTheirHeaders() throws Exception {
        ImportReport report = read(ClientFormat.CURSOR, ClientFiles.copy("cursor-mcp.json", dir.resolve("mcp.json")));

        assertThat(specs(report)).containsExactly(
                ServerSpec.builder("server-name").command("npx").args(List.of("-y", "mcp-server"))
                        .putEnv("API_KEY", "cursor-api-key-91c2").build(),
                ServerSpec.builder("userjot").transport("http").url("https://api.userjot.com/v1/mcp").build(),
                ServerSpec.builder("geonode-scraper").transport("http").url("https://scraper.geonode.io/mcp")
                        .putHeader("X-Api-Key", "geo-cursor-key-55aa").build(),
                ServerSpec.builder("legacy-events").transport("sse").url("http://localhost:8000/sse").build(),
                ServerSpec.builder("linear").transport("http").url("https://mcp.linear.app/mcp")
                        .putHeader("X-Linear-Token", "${env:LINEAR_TOKEN}").build(),
                ServerSpec.builder("local-db").command("/home/ada/bin/db-mcp").args(List.of("--root", "${workspaceFolder}"))
                        .build());
        assertThat(report.warnings()).containsExactly(
                "server 'server-name': env.API_KEY carried over as a literal secret",
                "server 'userjot': headers.Authorization left out: it holds ${env:USERJOT_API_TOKEN}, which zeroclaw does not"
                        + " expand inside a value (only a whole ${env:NAME}); write it as headers.Authorization = \"${env:NAME}\""
                        + " or \"${file:PATH}\" (a commented line marks its place)",
                "server 'geonode-scraper': headers.X-Api-Key carried over as a literal secret",
                "server 'linear': field 'auth' not mapped: Cursor's OAuth client settings",
                "server 'local-db': args[1] holds ${workspaceFolder}, which Cursor fills in and zeroclaw does not; kept as"
                        + " written, replace it",
                "server 'local-db': field 'envFile' not mapped: zeroclaw reads no env file: put its variables in env, as"
                        + " ${env:NAME} or ${file:PATH} references");
        assertNoSecretIn(report.warnings());
    }

    @Test
    void aProjectFileOfCursorKnowsItsWorkspaceFolder() throws Exception {
        Path project = dir.resolve("shop");
        ImportReport report = read(ClientFormat.CURSOR, ClientFiles.copy("cursor-mcp.json", project.resolve(".cursor/mcp.json")));

        assertThat(report.servers().get(5).spec().args()).containsExactly("--root", project.toString());
    }

    @Test
    void withoutAFileEveryDefaultThatExistsIsReadAndTheWorkspaceWins() throws Exception {
        Path home = dir.resolve("home");
        Path workspace = dir.resolve("work");
        Files.createDirectories(home.resolve(".cursor"));
        Files.writeString(home.resolve(".cursor/mcp.json"), """
                {"mcpServers": {"Shared": {"command": "global-cmd"}, "onlyGlobal": {"command": "g"}}}
                """);
        Files.createDirectories(workspace.resolve(".cursor"));
        Files.writeString(workspace.resolve(".cursor/mcp.json"), """
                {"mcpServers": {"shared": {"command": "project-cmd"}}}
                """);

        ImportReport report = new ClientImporter(new ImportEnvironment(Map.of(), home, workspace))
                .read(ClientFormat.CURSOR, Optional.empty());

        assertThat(report.sources()).containsExactly(home.resolve(".cursor/mcp.json"), workspace.resolve(".cursor/mcp.json"));
        assertThat(specs(report)).containsExactly(ServerSpec.builder("shared").command("project-cmd").build(),
                ServerSpec.builder("onlyGlobal").command("g").build());
        assertThat(report.warnings()).containsExactly("server 'shared' of " + workspace.resolve(".cursor/mcp.json")
                + " replaces the one of " + home.resolve(".cursor/mcp.json"));
    }

    @Test
    void withoutAFileAndNoDefaultTheMessageListsWhereItLooked() {
        ImportEnvironment empty = new ImportEnvironment(Map.of(), dir.resolve("nobody"), dir);

        assertThatThrownBy(() -> new ClientImporter(empty).read(ClientFormat.CLAUDE_DESKTOP, Optional.empty()))
                .isInstanceOf(ImportException.class)
                .hasMessage("no Claude Desktop configuration found (looked for " + dir.resolve("nobody/.config/Claude/claude_desktop_config.json")
                        + "); name the file: zeroclaw import claude-desktop FILE");
    }

    @Test
    void entriesThatCannotRunAreLeftOutWithTheReason() throws Exception {
        Path file = Files.writeString(dir.resolve("odd.json"), """
                {"mcpServers": {
                  "": {"command": "x"},
                  "  ": {"command": "x"},
                  "no-command": {"args": ["a"]},
                  "blank": {"command": "  "},
                  "numbers": {"command": "run", "args": ["--port", 3000, true]},
                  "nested": {"command": "run", "args": [["a"]]},
                  "ws": {"type": "websocket", "url": "ws://localhost:1"},
                  "typed": {"type": 7, "command": "x"},
                  "not-an-object": "npx server",
                  "Dup": {"command": "one"},
                  "dup": {"command": "two"},
                  "relative": {"command": "run", "cwd": "./srv"},
                  "gone": {"command": "run", "cwd": "/nonexistent/zeroclaw-import-test"},
                  "nulls": {"command": "run", "env": {"UNSET": null, "NESTED": {"a": 1}, "": "v", "A=B": "v", "N": 5}},
                  "mixed": {"type": "stdio", "command": "run", "url": "http://x", "headers": {"A": "b"}},
                  "remote": {"type": "http", "url": "http://x", "command": "run", "env": {"A": "b"}}
                }}
                """);

        ImportReport report = read(ClientFormat.CURSOR, file);

        assertThat(report.servers()).extracting(ImportedServer::name)
                .containsExactly("numbers", "Dup", "relative", "gone", "nulls", "mixed", "remote");
        assertThat(report.servers().get(0).spec().args()).containsExactly("--port", "3000", "true");
        assertThat(report.servers().get(2).spec().cwd()).isEmpty();
        assertThat(report.servers().get(3).spec().cwd()).contains("/nonexistent/zeroclaw-import-test");
        assertThat(report.servers().get(4).spec().env()).containsExactly(Map.entry("N", "5"));
        assertThat(report.servers().get(5).spec().url()).isEmpty();
        assertThat(report.servers().get(6).spec().command()).isEmpty();
        assertThat(report.warnings()).contains(
                "server '': its name is empty, and zeroclaw needs one; left out",
                "server '  ': its name is blank, and zeroclaw needs one; left out",
                "server 'no-command': it has neither 'command' nor 'url'; left out",
                "server 'blank': a stdio server needs 'command', a non-empty string; left out",
                "server 'nested': args[0] is not a string; left out",
                "server 'ws': type 'websocket' is none of stdio, http, sse; left out",
                "server 'typed': 'type' is not a string; left out",
                "server 'not-an-object': the entry is not an object; left out",
                "server 'dup': the name of server 'Dup' ignoring case, which zeroclaw does not tell apart; left out",
                "server 'relative': cwd './srv' is not an absolute path, which zeroclaw needs; left out (the server starts"
                        + " in the daemon's working directory)",
                "server 'gone': cwd '/nonexistent/zeroclaw-import-test' is not a directory here; kept, but the server"
                        + " cannot start until it is",
                "server 'nulls': env.UNSET is null (Cursor removes the variable); zeroclaw cannot remove one; left out",
                "server 'nulls': env.NESTED is not a string; left out",
                "server 'nulls': env has a key that cannot name an environment variable (''); left out",
                "server 'nulls': env has a key that cannot name an environment variable ('A=B'); left out",
                "server 'mixed': field 'url' not mapped: a stdio server has none",
                "server 'mixed': field 'headers' not mapped: a stdio server has none",
                "server 'remote': field 'command' not mapped: a remote server runs no command",
                "server 'remote': field 'env' not mapped: a remote server runs no command");
    }

    @Test
    void namesAreKeptAsTheClientGaveThemAndShownEscaped() throws Exception {
        Path file = Files.writeString(dir.resolve("names.json"), """
                {"mcpServers": {
                  "github.com": {"command": "gh-mcp"},
                  "my server": {"command": "x"},
                  "bell\\u0007\\u001b[31m": {"command": "x", "env": {"K": "v"}}
                }}
                """);

        ImportReport report = read(ClientFormat.CLAUDE_DESKTOP, file);

        assertThat(report.servers()).extracting(ImportedServer::name).containsExactly("github.com", "my server", "bell\u0007\u001b[31m");
        assertThat(report.warnings()).containsExactly("server 'bell\\u0007\\u001B[31m': env.K carried over as a literal secret");
    }

    @Test
    void invalidJsonNamesFileLineAndColumnAndNeverTheToken() throws Exception {
        Path file = Files.writeString(dir.resolve("broken.json"), """
                {"mcpServers": {
                  "github": {"command": "npx", "env": {"TOKEN": ghp_unquoted0secret}}
                }}
                """);

        assertThatThrownBy(() -> read(ClientFormat.CLAUDE_DESKTOP, file))
                .isInstanceOf(ImportException.class)
                .hasMessageStartingWith(file + ":2:")
                .hasMessageContaining("invalid JSON: Unrecognized token")
                .hasMessageNotContaining("ghp_unquoted0secret")
                .hasMessageNotContaining("unquoted");
    }

    @Test
    void aFileThatIsNotTheClientsShapeSaysWhat() throws Exception {
        Path array = Files.writeString(dir.resolve("array.json"), "[1, 2]");
        Path servers = Files.writeString(dir.resolve("servers.json"), "{\"mcpServers\": [\"a\"]}");
        Path empty = Files.writeString(dir.resolve("empty.json"), "");

        assertThatThrownBy(() -> read(ClientFormat.CURSOR, array)).hasMessage(array
                + ": not a Cursor configuration: the top level is an array, not an object");
        assertThatThrownBy(() -> read(ClientFormat.CURSOR, servers)).hasMessage(servers
                + ": 'mcpServers' must be an object mapping server names to entries, not an array");
        assertThatThrownBy(() -> read(ClientFormat.CURSOR, empty)).hasMessage(empty + ": invalid JSON: the file is empty");
        assertThatThrownBy(() -> read(ClientFormat.CURSOR, dir.resolve("absent.json"))).hasMessage(dir.resolve("absent.json")
                + ": no such file");
        assertThatThrownBy(() -> read(ClientFormat.CURSOR, dir)).hasMessage(dir + ": is a directory, not a file");
    }

    @Test
    void theKeyOfAnotherClientIsPointedOut() throws Exception {
        Path vscodeFile = ClientFiles.copy("vscode-mcp.json", dir.resolve("mcp.json"));

        ImportReport report = read(ClientFormat.CLAUDE_DESKTOP, vscodeFile);

        assertThat(report.servers()).isEmpty();
        assertThat(report.warnings()).containsExactly(vscodeFile
                + ": it has 'servers', the key of VS Code's mcp.json: is it 'zeroclaw import vscode'?");
    }

    private ImportReport read(ClientFormat format, Path file) throws ImportException {
        return new ClientImporter(ClientFiles.environment(dir)).read(format, Optional.of(file));
    }

    private static List<ServerSpec> specs(ImportReport report) {
        return report.servers().stream().map(ImportedServer::spec).toList();
    }

    private static void assertNoSecretIn(List<String> lines) {
        for (String secret : ClientFiles.SECRETS) {
            assertThat(lines).noneMatch(line -> line.contains(secret));
        }
    }
}
