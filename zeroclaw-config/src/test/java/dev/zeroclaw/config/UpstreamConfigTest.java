package dev.zeroclaw.config;

import static dev.zeroclaw.config.ConfigFixture.parse;
import static org.assertj.core.api.Assertions.assertThat;

import dev.zeroclaw.api.DaemonSettings;
import dev.zeroclaw.api.McpConfig;
import dev.zeroclaw.api.RestartPolicy;
import dev.zeroclaw.api.RestartStrategy;
import dev.zeroclaw.api.ServerSpec;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Files written for upstream ZeroClaw parse into the records the daemon runs. */
class UpstreamConfigTest {

    static final String UPSTREAM = """
            [mcp]
            enabled = true
            deferred_loading = true # Recommended: only load tool schemas when needed

            [[mcp.servers]]
            name = "my_local_tool"
            transport = "stdio"
            command = "node"
            args = ["/path/to/server.js"]
            env = { "API_KEY" = "secret_value" }

            [[mcp.servers]]
            name = "my_remote_tool"
            transport = "sse"
            url = "https://mcp.example.com/sse"

            [[mcp.servers]]
            name = "primary"
            transport = "sse"
            url = "https://mcp.example.invalid/sse"
            command = ""

            [mcp.servers.headers]
            Authorization = "Bearer mcp-cred"
            X-Tenant = "tenant-42"

            [mcp_bundles.files]
            servers = ["my_local_tool"]

            [agents.assistant]
            mcp_bundles = ["files"]
            """;

    @Test
    void upstreamExampleParsesIntoThreeServersWithDefaults() {
        McpConfig config = parse(UPSTREAM);

        assertThat(config.settings()).isEqualTo(new DaemonSettings(true, true, false, 100, "127.0.0.1:8765", 30));
        assertThat(config.servers()).containsExactly(
                ServerSpec.builder("my_local_tool")
                        .command("node")
                        .args(List.of("/path/to/server.js"))
                        .putEnv("API_KEY", "secret_value")
                        .build(),
                ServerSpec.builder("my_remote_tool")
                        .transport("sse")
                        .url("https://mcp.example.com/sse")
                        .build(),
                ServerSpec.builder("primary")
                        .transport("sse")
                        .url("https://mcp.example.invalid/sse")
                        .putHeader("Authorization", "Bearer mcp-cred")
                        .putHeader("X-Tenant", "tenant-42")
                        .build());
    }

    @Test
    void defaultsOfAnEntryThatNamesOnlyTheEssentials() {
        ServerSpec local = parse(UPSTREAM).servers().get(0);

        assertThat(local.transport()).isEqualTo("stdio");
        assertThat(local.enabled()).isTrue();
        assertThat(local.toolTimeoutSecs()).isEqualTo(180);
        assertThat(local.startupTimeoutSecs()).isEqualTo(30);
        assertThat(local.stopTimeoutSecs()).isEqualTo(5);
        assertThat(local.restart()).isEqualTo(RestartPolicy.ON_FAILURE);
        assertThat(local.restartStrategy()).isEqualTo(RestartStrategy.START_FIRST);
        assertThat(local.cwd()).isEmpty();
        assertThat(local.url()).isEmpty();
        assertThat(local.tlsCaCertPath()).isEmpty();
        assertThat(local.pinnedResources()).isEmpty();
        assertThat(local.headers()).isEmpty();
    }

    // toml4j puts this sub-table on the first element; TOML 1.0 puts it on the last one defined.
    @Test
    void subTableAfterAnArrayElementBelongsToTheLastElement() {
        McpConfig config = parse(UPSTREAM);

        assertThat(config.server("primary").orElseThrow().headers())
                .isEqualTo(Map.of("Authorization", "Bearer mcp-cred", "X-Tenant", "tenant-42"));
        assertThat(config.server("my_local_tool").orElseThrow().headers()).isEmpty();
        assertThat(config.server("my_remote_tool").orElseThrow().headers()).isEmpty();
    }

    @Test
    void fileWithoutMcpTableHasDefaultsAndNoServers() {
        McpConfig config = parse("""
                [agents.assistant]
                mcp_bundles = ["files"]

                [gateway]
                port = 3000
                """);

        assertThat(config).isEqualTo(new McpConfig(DaemonSettings.defaults(), List.of()));
    }

    @Test
    void emptyFileHasDefaultsAndNoServers() {
        assertThat(parse("")).isEqualTo(new McpConfig(DaemonSettings.defaults(), List.of()));
    }

    @Test
    void sectionsOfOtherSubsystemsAreIgnoredWhateverTheyHold() {
        McpConfig config = parse("""
                default_provider = "openrouter"
                [channels.telegram]
                bot_token = "enc2:abcdef"
                comand = 5
                [mcp_bundles.files]
                servers = ["nowhere"]
                [mcp]
                [[mcp.servers]]
                name = "fs"
                command = "npx"
                """);

        assertThat(config.servers()).extracting(ServerSpec::name).containsExactly("fs");
    }

    @Test
    void mcpServersIsAnAliasOfServers() {
        McpConfig alias = parse("""
                [[mcp.mcpServers]]
                name = "fs"
                command = "npx"
                """);
        McpConfig servers = parse("""
                [[mcp.servers]]
                name = "fs"
                command = "npx"
                """);

        assertThat(alias).isEqualTo(servers);
    }

    @Test
    void everyKeyIsRead() {
        McpConfig config = parse("""
                [mcp]
                enabled = false
                deferred_loading = true
                auto_reload = true
                reload_debounce_ms = 250
                ping_interval_secs = 7
                plugin_dir = "/opt/zeroclaw/plugins"

                [mcp.gateway]
                listen = "[::1]:9000"

                [[mcp.servers]]
                name = "fs"
                transport = "stdio"
                command = "npx"
                args = ["-y", "@modelcontextprotocol/server-filesystem", "/srv/data"]
                env = { LOG_LEVEL = "info" }
                cwd = "/srv"
                enabled = false
                tool_timeout_secs = 600
                startup_timeout_secs = 60
                stop_timeout_secs = 10
                restart = "always"
                restart_strategy = "stop-first"
                pinned_resources = ["file:///srv/data/README.md"]

                [[mcp.servers]]
                name = "remote"
                transport = "http"
                url = "https://mcp.example.com/mcp"
                tls_ca_cert_path = "/etc/zeroclaw/ca.pem"
                restart = "never"
                headers = { Authorization = "Bearer t" }
                """);

        assertThat(config.settings()).isEqualTo(new DaemonSettings(false, true, true, 250, "[::1]:9000", 7, Optional.empty(), Optional.of("/opt/zeroclaw/plugins")));
        assertThat(config.servers()).containsExactly(
                ServerSpec.builder("fs")
                        .command("npx")
                        .args(List.of("-y", "@modelcontextprotocol/server-filesystem", "/srv/data"))
                        .putEnv("LOG_LEVEL", "info")
                        .cwd("/srv")
                        .enabled(false)
                        .toolTimeoutSecs(600)
                        .startupTimeoutSecs(60)
                        .stopTimeoutSecs(10)
                        .restart(RestartPolicy.ALWAYS)
                        .restartStrategy(RestartStrategy.STOP_FIRST)
                        .pinnedResources(List.of("file:///srv/data/README.md"))
                        .build(),
                ServerSpec.builder("remote")
                        .transport("http")
                        .url("https://mcp.example.com/mcp")
                        .tlsCaCertPath("/etc/zeroclaw/ca.pem")
                        .restart(RestartPolicy.NEVER)
                        .putHeader("Authorization", "Bearer t")
                        .build());
        assertThat(config.runnableServers()).isEmpty();
    }

    @Test
    void pluginTransportGetsOnlyGenericChecks() throws ConfigException {
        McpConfig config = new ConfigParser(java.util.Set.of("stdio", "http", "sse", "ws")).parse("config.toml", """
                [[mcp.servers]]
                name = "socket"
                transport = "ws"
                url = "ws://localhost:9000"
                command = "anything"
                """.getBytes(java.nio.charset.StandardCharsets.UTF_8));

        assertThat(config.servers()).containsExactly(ServerSpec.builder("socket")
                .transport("ws")
                .url("ws://localhost:9000")
                .command("anything")
                .build());
    }

    @Test
    void theDaemonsParserAcceptsATransportNoProviderIsInstalledFor() throws ConfigException {
        McpConfig config = ConfigParser.acceptingAnyTransport().parse("config.toml", """
                [[mcp.servers]]
                name = "socket"
                transport = "socket"
                url = "tcp://127.0.0.1:9000"
                """.getBytes(java.nio.charset.StandardCharsets.UTF_8));

        assertThat(config.servers()).containsExactly(ServerSpec.builder("socket")
                .transport("socket")
                .url("tcp://127.0.0.1:9000")
                .build());
    }
}
