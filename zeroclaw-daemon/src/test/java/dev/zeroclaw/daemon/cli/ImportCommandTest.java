package dev.zeroclaw.daemon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zeroclaw.daemon.imports.ClientFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code zeroclaw import} as a user runs it: what each stream shows and the exit code. */
class ImportCommandTest {

    @TempDir
    Path dir;

    @Test
    void printsTheTomlOnStdoutAndTheWarningsOnStderr() throws Exception {
        Path claude = ClientFiles.copy("claude_desktop_config.json", dir.resolve("claude.json"));

        CommandLineRun run = CommandLineRun.of("import", "claude-desktop", claude.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("# Imported by 'zeroclaw import claude-desktop' from " + claude + "\n\n[[mcp.servers]]\n"
                        + "name = \"filesystem\"\n")
                .contains("[mcp.servers.env]\nGITHUB_PERSONAL_ACCESS_TOKEN = \"ghp_claude0secret0value0123456789\"\n");
        assertThat(run.err()).isEqualTo("""
                warning: server 'github': env.GITHUB_PERSONAL_ACCESS_TOKEN carried over as a literal secret
                warning: server 'sqlite': field 'disabled' not mapped: zeroclaw has no such setting
                warning: server 'weather': env.WEATHER_API_KEY carried over as a literal secret
                warning: server 'weather': env.UNITS carried over as a literal secret
                hint: a literal secret in a config file is readable by whoever reads the file; write it as a reference \
                instead: KEY = "${env:NAME}" (the daemon's environment) or "${file:/run/secrets/name}"
                imported 4 servers from %s
                """.formatted(claude));
        assertNoSecretIn(run.err());
    }

    @Test
    void eachClientsFileImportsWithExitZero() throws Exception {
        Path vscode = ClientFiles.copy("vscode-mcp.json", dir.resolve("ws/.vscode/mcp.json"));
        Path settings = ClientFiles.copy("vscode-settings.json", dir.resolve("settings.json"));
        Path cursor = ClientFiles.copy("cursor-mcp.json", dir.resolve("cursor.json"));

        CommandLineRun fromVscode = CommandLineRun.of("import", "vscode", vscode.toString());
        CommandLineRun fromSettings = CommandLineRun.of("import", "vscode", settings.toString());
        CommandLineRun fromCursor = CommandLineRun.of("import", "cursor", cursor.toString());

        assertThat(fromVscode.exitCode()).isZero();
        assertThat(fromVscode.out()).contains("# PERPLEXITY_API_KEY = \"${env:PERPLEXITY_API_KEY}\"  # left out: VS Code prompts"
                + " for ${input:perplexity-key} (Perplexity API Key)");
        assertThat(fromVscode.err()).contains("warning: server 'Perplexity': env.PERPLEXITY_API_KEY left out: VS Code prompts for"
                + " ${input:perplexity-key}").endsWith("imported 5 servers from " + vscode + "\n");
        assertThat(fromSettings.exitCode()).isZero();
        assertThat(fromSettings.out()).contains("name = \"memory\"");
        assertThat(fromCursor.exitCode()).isZero();
        assertThat(fromCursor.out()).contains("name = \"legacy-events\"\ntransport = \"sse\"\nurl = \"http://localhost:8000/sse\"\n")
                .contains("X-Linear-Token = \"${env:LINEAR_TOKEN}\"\n");
        for (CommandLineRun run : new CommandLineRun[] {fromVscode, fromSettings, fromCursor}) {
            assertNoSecretIn(run.err());
        }
    }

    @Test
    void invalidJsonIsExitOneWithFileLineAndColumn() throws Exception {
        Path broken = Files.writeString(dir.resolve("broken.json"), "{\n  \"mcpServers\": {\n    \"a\": {\"command\" \"x\"}\n}\n");
        Path unclosed = Files.writeString(dir.resolve("unclosed.json"), "{\n  \"mcpServers\": {\n    \"a\": {\"command\": \"x\"}\n");

        CommandLineRun run = CommandLineRun.of("import", "claude-desktop", broken.toString());
        CommandLineRun runUnclosed = CommandLineRun.of("import", "claude-desktop", unclosed.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEqualTo("zeroclaw import: " + broken + ":3:21: invalid JSON: Unexpected character ('\"' (code"
                + " 34)): was expecting a colon to separate field name and value\n");
        assertThat(runUnclosed.exitCode()).isEqualTo(1);
        assertThat(runUnclosed.err()).isEqualTo("zeroclaw import: " + unclosed + ":4:1: invalid JSON: Unexpected end-of-input:"
                + " expected close marker for Object (opened at line 2, column 17)\n");
    }

    @Test
    void anUnreadableFileIsExitOne() {
        CommandLineRun run = CommandLineRun.of("import", "cursor", dir.resolve("absent.json").toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("zeroclaw import: " + dir.resolve("absent.json") + ": no such file\n");
    }

    @Test
    void anUnknownClientIsAUsageError() {
        CommandLineRun run = CommandLineRun.of("import", "windsurf", "x.json");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("'windsurf' is not a client zeroclaw imports from; known: claude-desktop, vscode, cursor");
    }

    @Test
    void noClientIsAUsageError() {
        CommandLineRun run = CommandLineRun.of("import");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("Missing required parameter: 'CLIENT'");
    }

    @Test
    void configWithoutWriteIsAUsageError() throws Exception {
        Path config = dir.resolve("config.toml");

        CommandLineRun run = CommandLineRun.of("import", "cursor", "x.json", "--config", config.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("zeroclaw import: --config names the file --write adds to");
        assertThat(config).doesNotExist();
    }

    @Test
    void aFileWithoutServersImportsNothingAndSaysSo() throws Exception {
        Path claude = Files.writeString(dir.resolve("claude.json"), "{\"globalShortcut\": \"Ctrl+Space\"}");

        CommandLineRun run = CommandLineRun.of("import", "claude-desktop", claude.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEqualTo("zeroclaw import: no servers to import from " + claude + "\n");
    }

    @Test
    void writeAppendsToTheConfigKeepingItsTextByteForByte() throws Exception {
        String before = "# my config\r\n[mcp]\nenabled = true\n\n[[mcp.servers]]\nname = \"mine\"\ncommand = \"run\"  # no newline at the end";
        Path config = Files.writeString(dir.resolve("config.toml"), before);

        CommandLineRun run = writeClaudeInto(config);

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo("added to " + config + ": 4 servers (filesystem, github, sqlite, weather)\n"
                + "next: zeroclaw config check --config " + config + ", then 'zeroclaw reload' (a running daemon with"
                + " auto_reload = true picks the change up itself)\n");
        String after = Files.readString(config);
        assertThat(after).startsWith(before + "\n\n# Imported by 'zeroclaw import claude-desktop' from " + dir.resolve("claude.json") + "\n\n[[mcp.servers]]\n");
        CommandLineRun check = CommandLineRun.of("config", "check", "--config", config.toString());
        assertThat(check.exitCode()).isZero();
        assertThat(check.out()).contains(": valid, 5 servers").contains("mine (stdio)").contains("weather (stdio)");
        assertNoSecretIn(run.all());
    }

    @Test
    void writeCreatesAMissingConfigReadableByTheOwnerOnly() throws Exception {
        Path config = dir.resolve("fresh/config.toml");
        Path cursor = ClientFiles.copy("cursor-mcp.json", dir.resolve("cursor.json"));

        CommandLineRun run = CommandLineRun.of("import", "cursor", cursor.toString(), "--write", "--config", config.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("created " + config + ": 6 servers (server-name, userjot, geonode-scraper,");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(config))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(config.getParent()))).isEqualTo("rwx------");
        // Valid as written; config check also resolves the ${env:...} reference Cursor's file had, which this JVM lacks.
        CommandLineRun check = CommandLineRun.of("config", "check", "--config", config.toString());
        assertThat(check.err()).contains("headers.X-Linear-Token of server 'linear': the environment variable LINEAR_TOKEN is"
                + " not set in the daemon's environment").endsWith(config + ": 1 error\n");
    }

    @Test
    void writeRefusesANameTheConfigHasAlreadyAndWritesNothing() throws Exception {
        String before = "[[mcp.servers]]\nname = \"GitHub\"\ncommand = \"mine\"\n";
        Path config = Files.writeString(dir.resolve("config.toml"), before);

        CommandLineRun run = writeClaudeInto(config);

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("zeroclaw import: " + config + " already has a server named 'github' (names are unique"
                + " ignoring case); nothing written.");
        assertThat(Files.readString(config)).isEqualTo(before);
    }

    @Test
    void writeRefusesAnInvalidConfigAndWritesNothing() throws Exception {
        String before = "[[mcp.servers]]\nname = \"fs\"\ncomand = \"npx\"\n";
        Path config = Files.writeString(dir.resolve("config.toml"), before);

        CommandLineRun run = writeClaudeInto(config);

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("zeroclaw import: " + config + " is invalid; nothing written.")
                .contains(config + ":3:1: unknown key 'comand'");
        assertThat(Files.readString(config)).isEqualTo(before);
    }

    @Test
    void writeFollowsNoLinkToNothing() throws Exception {
        Path target = dir.resolve("elsewhere/config.toml");
        Path config = Files.createSymbolicLink(dir.resolve("config.toml"), target);

        CommandLineRun run = writeClaudeInto(config);

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains(config + " is a symbolic link to nothing; nothing written");
        assertThat(target).doesNotExist();
    }

    @Test
    void writeUsesTheSpellingOfTheArrayTheConfigUses() throws Exception {
        Path config = Files.writeString(dir.resolve("config.toml"), "[[mcp.mcpServers]]\nname = \"mine\"\ncommand = \"run\"\n");

        CommandLineRun run = writeClaudeInto(config);

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(Files.readString(config)).contains("[[mcp.mcpServers]]\nname = \"weather\"").doesNotContain("[[mcp.servers]]");
        CommandLineRun check = CommandLineRun.of("config", "check", "--config", config.toString());
        assertThat(check.out()).as(check.err()).contains(": valid, 5 servers");
    }

    @Test
    void helpListsTheClientsTheirFilesAndTheExitCodes() {
        CommandLineRun run = CommandLineRun.of("import", "--help");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("Usage: zeroclaw import [-hV] [--write] [--config=FILE] CLIENT [FILE]")
                .contains("claude-desktop  ~/.config/Claude/claude_desktop_config.json")
                .contains("./.vscode/mcp.json").contains("~/.cursor/mcp.json").contains("Exit codes:")
                .contains("A value VS Code prompts for (${input:ID}) is left out");
    }

    private CommandLineRun writeClaudeInto(Path config) throws Exception {
        Path claude = ClientFiles.copy("claude_desktop_config.json", dir.resolve("claude.json"));
        return CommandLineRun.of("import", "claude-desktop", claude.toString(), "--write", "--config", config.toString());
    }

    private static void assertNoSecretIn(String text) {
        for (String secret : ClientFiles.SECRETS) {
            assertThat(text).doesNotContain(secret);
        }
    }
}
