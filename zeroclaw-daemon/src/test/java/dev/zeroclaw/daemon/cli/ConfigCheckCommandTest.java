package dev.zeroclaw.daemon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zeroclaw.api.GatewayListen;
import dev.zeroclaw.config.secret.SecretCipher;
import dev.zeroclaw.daemon.state.StateToolSizes;
import dev.zeroclaw.gateway.deferred.ToolDefinitionSize;
import dev.zeroclaw.signal.StateDirectory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HexFormat;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigCheckCommandTest {

    private static final Path EXAMPLE = Path.of(System.getProperty("zeroclaw.root.dir"), "examples", "config.toml");

    @TempDir
    Path dir;

    @Test
    void theBundledExampleIsValid() {
        CommandLineRun run = CommandLineRun.of("config", "check", "--config", EXAMPLE.toString());

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains(": valid, 3 servers").contains("clock (stdio)").contains("remote (http, disabled)");
        assertThat(run.all()).doesNotContain("replace-me");
    }

    @Test
    void jsonGivesEachServersLastMeasuredToolDefinitionsAndNullForOneNeverSeen() throws Exception {
        StateDirectory state = new StateDirectory(dir.resolve("state"));
        new StateToolSizes(() -> state, new ObjectMapper()).write("seen", ToolDefinitionSize.ofBytes(16, 10_001));
        // A command that cannot run: config check starts nothing.
        Path config = write(Stream.of("seen", "unseen")
                .map(name -> "[[mcp.servers]]\nname = \"" + name + "\"\ncommand = \"does-not-exist-and-never-runs\"\n")
                .collect(Collectors.joining()));

        CommandLineRun run = CommandLineRun.of("config", "check", "--config", config.toString(), "--state-dir",
                state.path().toString(), "--json");

        assertThat(run.exitCode()).as(run.all()).isZero();
        JsonNode servers = new ObjectMapper().readTree(run.out()).path("servers");
        assertThat(servers.get(0).path("tool_definitions").toString())
                .isEqualTo("{\"tools\":16,\"bytes\":10001,\"tokens_estimate\":2501}");
        assertThat(servers.get(1).has("tool_definitions")).isTrue();
        assertThat(servers.get(1).path("tool_definitions").isNull()).isTrue();
    }

    @Test
    void aTypoInAKeyNamesFileLineColumnAndTheSuggestion() throws Exception {
        Path config = write("""
                [[mcp.servers]]
                name = "fs"
                comand = "npx"
                """);

        CommandLineRun run = CommandLineRun.of("config", "check", "--config", config.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains(config + ":3:1: unknown key 'comand'").contains("did you mean 'command'?");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void secretsAreResolvedAsTheDaemonWouldAndNeverPrinted() throws Exception {
        byte[] key = new byte[SecretCipher.KEY_BYTES];
        key[0] = 7;
        Path keyFile = Files.writeString(dir.resolve(".secret_key"), HexFormat.of().formatHex(key));
        Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-------"));
        Path config = write("""
                [[mcp.servers]]
                name = "github"
                command = "npx"
                env = { API_KEY = "%s" }
                """.formatted(SecretCipher.encrypt(key, "ghp-check-plaintext")));

        CommandLineRun valid = CommandLineRun.of("config", "check", "--config", config.toString());
        Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-r--r--"));
        CommandLineRun readable = CommandLineRun.of("config", "check", "--config", config.toString());

        assertThat(valid.exitCode()).as(valid.all()).isZero();
        assertThat(readable.exitCode()).isEqualTo(1);
        assertThat(readable.err()).contains(config + ":4:19: env.API_KEY of server 'github': the key file " + keyFile
                + " can be read by other users (mode rw-r--r--); run: chmod 600 " + keyFile);
        assertThat(valid.all() + readable.all()).doesNotContain("ghp-check-plaintext");
    }

    @Test
    void everyErrorOfTheFileIsReportedTogether() throws Exception {
        Path config = write("""
                [[mcp.servers]]
                name = "a"
                comand = "x"

                [[mcp.servers]]
                name = "b"
                transport = "http"
                url = "ftp://example.com"
                tool_timeout_secs = 0
                """);

        CommandLineRun run = CommandLineRun.of("config", "check", "--config", config.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains(config + ":3:").contains(config + ":8:").contains(config + ":9:")
                .contains(": 4 errors");
    }

    @Test
    void jsonOutputIsOneDocumentWithTheErrorsPositions() throws Exception {
        Path config = write("""
                [[mcp.servers]]
                name = "fs"
                comand = "npx"
                """);

        CommandLineRun run = CommandLineRun.of("config", "check", "--json", "--config", config.toString());

        JsonNode document = new ObjectMapper().readTree(run.out());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(document.get("ok").asBoolean()).isFalse();
        assertThat(document.get("errors")).hasSize(2);
        JsonNode missing = document.get("errors").get(0);
        assertThat(missing.get("line").asInt()).isEqualTo(1);
        assertThat(missing.get("column").asInt()).isEqualTo(1);
        assertThat(missing.get("message").asText()).isEqualTo("a stdio server needs a command, the program to run, e.g. command = \"npx\"");
        JsonNode typo = document.get("errors").get(1);
        assertThat(typo.get("file").asText()).isEqualTo(config.toString());
        assertThat(typo.get("line").asInt()).isEqualTo(3);
        assertThat(typo.get("column").asInt()).isEqualTo(1);
        assertThat(typo.get("message").asText()).isEqualTo("unknown key 'comand' — did you mean 'command'?");
    }

    @Test
    void jsonOfAValidFileListsServersAndTheHash() throws Exception {
        CommandLineRun run = CommandLineRun.of("config", "check", "--json", "--config", EXAMPLE.toString());

        JsonNode document = new ObjectMapper().readTree(run.out());
        assertThat(document.get("ok").asBoolean()).isTrue();
        assertThat(document.get("config_sha256").asText()).matches("[0-9a-f]{64}");
        assertThat(document.get("servers")).hasSize(3);
        assertThat(document.get("servers").get(0).get("name").asText()).isEqualTo("clock");
    }

    @Test
    void aMissingFileIsOneClearErrorWithoutAStackTrace() {
        Path missing = dir.resolve("nope.toml");

        CommandLineRun run = CommandLineRun.of("config", "check", "--config", missing.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains(missing + ": no such file").doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void theDefaultFileIsUnderTheConfigDirVariable() {
        Path defaults = dev.zeroclaw.daemon.config.ConfigLocation.defaultFile(
                java.util.Map.of("ZEROCLAW_CONFIG_DIR", "/etc/zeroclaw"), "/home/op");

        assertThat(defaults).isEqualTo(Path.of("/etc/zeroclaw/config.toml"));
        assertThat(dev.zeroclaw.daemon.config.ConfigLocation.defaultFile(java.util.Map.of(), "/home/op"))
                .isEqualTo(Path.of("/home/op/.zeroclaw/config.toml"));
    }

    @Test
    void aTransportNoProviderIsInstalledForIsAnErrorAtItsPlaceWithTheClosestName() throws Exception {
        Path config = write("""
                [mcp]
                plugin_dir = "%s"
                [[mcp.servers]]
                name = "fs"
                transport = "stdoi"
                command = "npx"
                """.formatted(dir.resolve("plugins")));

        CommandLineRun run = CommandLineRun.of("config", "check", "--config", config.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains(config + ":5:13: unknown transport 'stdoi' — did you mean 'stdio'?");
    }

    @Test
    void aPluginOfThePluginDirNamedOnTheCommandLineIsInstalledForTheCheck() throws Exception {
        Path plugins = dir.resolve("plugins");
        dev.zeroclaw.plugins.PluginJars.plugin(plugins.resolve("probe"),
                dev.zeroclaw.plugins.fixture.ProbeProvider.class);
        Path config = write("""
                [[mcp.servers]]
                name = "p"
                transport = "probe"
                """);

        CommandLineRun withoutIt = CommandLineRun.of("config", "check", "--config", config.toString());
        CommandLineRun withIt = CommandLineRun.of("config", "check", "--config", config.toString(),
                "--plugin-dir", plugins.toString());

        assertThat(withoutIt.exitCode()).isEqualTo(1);
        assertThat(withoutIt.err()).contains(config + ":3:13: unknown transport 'probe'");
        assertThat(withIt.exitCode()).as(withIt.err()).isZero();
        assertThat(withIt.out()).contains("p (probe)");
    }

    @Test
    void theProviderChecksItsOwnSettingsAtTheirPositionButQuotesNoSecret() throws Exception {
        Path config = write("""
                [[mcp.servers]]
                name = "remote"
                transport = "http"
                url = "https://mcp.example.com/mcp"
                headers = { Host = "do-not-print-me" }
                """);

        CommandLineRun run = CommandLineRun.of("config", "check", "--config", config.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains(config + ":5:20: header 'Host' is set by the HTTP client itself")
                .doesNotContain("do-not-print-me");
    }

    @Test
    void genericAndProviderProblemsComeTogetherInFileOrderAndOneProblemIsToldOnce() throws Exception {
        Path config = write("""
                [[mcp.servers]]
                name = "fs"
                command = 5
                url = "https://mcp.example.com/mcp"

                [[mcp.servers]]
                name = "remote"
                transport = "http"
                url = "ftp://example.com"
                tool_timeout_secs = 0
                env = { TOKEN = "do-not-print-me" }
                """);

        CommandLineRun run = CommandLineRun.of("config", "check", "--json", "--config", config.toString());

        JsonNode errors = new ObjectMapper().readTree(run.out()).get("errors");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(errors).extracting(e -> e.get("line").asInt() + ":" + e.get("column").asInt() + " " + e.get("message").asText())
                .containsExactly(
                        "3:11 'command' must be a string, not an integer",
                        "9:7 'url' must use http or https; its scheme is 'ftp'",
                        "10:21 'tool_timeout_secs' must be between 1 and 600, got 0");
        assertThat(run.out()).doesNotContain("do-not-print-me");
    }

    @Test
    void warningsLeaveTheFileValidAndAreListedWithTheirPositions() throws Exception {
        Path config = write("""
                [mcp]
                future_upstream_setting = 1

                [[mcp.servers]]
                name = "github.com"
                transport = "http"
                url = "https://mcp.example.com/mcp"
                env = { TOKEN = "do-not-print-me" }
                """);

        CommandLineRun text = CommandLineRun.of("config", "check", "--config", config.toString());
        CommandLineRun json = CommandLineRun.of("config", "check", "--json", "--config", config.toString());

        assertThat(text.exitCode()).isZero();
        assertThat(text.err()).contains(config + ":2:1: warning: unknown key 'future_upstream_setting' in [mcp] is ignored")
                .contains(config + ":8:1: warning: 'env' is ignored: this server's transport is http");
        assertThat(text.out()).contains("valid, 1 server, 2 warnings")
                .contains("github.com (http): clients see its tools as github_com__<tool>");
        JsonNode document = new ObjectMapper().readTree(json.out());
        assertThat(json.exitCode()).isZero();
        assertThat(document.path("warnings")).extracting(w -> w.get("line").asInt() + ":" + w.get("column").asInt())
                .containsExactly("2:1", "8:1");
        assertThat(document.path("servers").get(0).path("prefix").asText()).isEqualTo("github_com");
        assertThat(text.out() + text.err() + json.out()).doesNotContain("do-not-print-me");
    }

    @Test
    void aToolPrefixIsShownAndABadOneIsRefusedAtItsValue() throws Exception {
        Path config = write("""
                [[mcp.servers]]
                name = "github.com"
                command = "npx"
                tool_prefix = "gh"
                """);
        CommandLineRun text = CommandLineRun.of("config", "check", "--config", config.toString());
        CommandLineRun json = CommandLineRun.of("config", "check", "--json", "--config", config.toString());

        assertThat(text.exitCode()).isZero();
        assertThat(text.out()).contains("github.com (stdio): clients see its tools as gh__<tool> (tool_prefix)");
        JsonNode server = new ObjectMapper().readTree(json.out()).path("servers").get(0);
        assertThat(server.path("prefix").asText()).isEqualTo("gh");
        assertThat(server.path("tool_prefix").asText()).isEqualTo("gh");

        Path bad = write("""
                [[mcp.servers]]
                name = "github.com"
                command = "npx"
                tool_prefix = "git.hub"
                """);
        CommandLineRun refused = CommandLineRun.of("config", "check", "--config", bad.toString());

        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.err()).contains(bad + ":4:15: 'tool_prefix' may hold only letters, digits, '-' and single '_'");
    }

    @Test
    void aNonLoopbackListenWithoutAuthTokenEnvIsRefusedAtTheKeyAsTheDaemonRefusesIt() throws Exception {
        Path config = write("""
                [mcp.gateway]
                listen = "0.0.0.0:8765"
                """);

        CommandLineRun run = CommandLineRun.of("config", "check", "--config", config.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains(config + ":2:")
                .contains(GatewayListen.of("0.0.0.0:8765", false).refusal().orElseThrow());
        assertThat(run.out()).isEmpty();
    }

    private Path write(String toml) throws Exception {
        return Files.writeString(dir.resolve("config.toml"), toml);
    }
}
