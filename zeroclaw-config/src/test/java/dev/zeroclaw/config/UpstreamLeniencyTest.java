package dev.zeroclaw.config;

import static dev.zeroclaw.config.ConfigFixture.errors;
import static dev.zeroclaw.config.ConfigFixture.parse;
import static dev.zeroclaw.config.ConfigFixture.warnings;
import static org.assertj.core.api.Assertions.assertThat;

import dev.zeroclaw.api.McpConfig;
import dev.zeroclaw.api.ServerSpec;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** What upstream ZeroClaw accepts and zeroclaw used to refuse or misread, each rule both ways. */
class UpstreamLeniencyTest {

    @Nested
    class TopLevelMcpServers {

        @Test
        void isReadAsTheWholeMcpTable() {
            McpConfig config = parse("""
                    [mcpServers]
                    enabled = true
                    auto_reload = true

                    [[mcpServers.servers]]
                    name = "fs"
                    command = "npx"
                    """);
            assertThat(config.settings().autoReload()).isTrue();
            assertThat(config.servers()).extracting(ServerSpec::name).containsExactly("fs");
        }

        @Test
        void besideMcpIsAnError() {
            assertThat(errors("""
                    [mcp]
                    enabled = true

                    [mcpServers]
                    enabled = true
                    """)).containsExactly("config.toml:4:1: both [mcp] and [mcpServers] are set; [mcpServers] is another"
                    + " name for [mcp] (as upstream ZeroClaw reads it): keep one");
        }
    }

    @Nested
    class Names {

        @Test
        void anyNameThatIsNotBlankIsAccepted() {
            McpConfig config = parse("""
                    [[mcp.servers]]
                    name = "github.com"
                    command = "npx"
                    [[mcp.servers]]
                    name = "my server"
                    command = "npx"
                    [[mcp.servers]]
                    name = "a__b"
                    command = "npx"
                    """);
            assertThat(config.servers()).extracting(ServerSpec::name).containsExactly("github.com", "my server", "a__b");
        }

        @Test
        void namesAreUniqueIgnoringAsciiCaseAndSurroundingSpace() {
            assertThat(errors("""
                    [[mcp.servers]]
                    name = "GitHub.com"
                    command = "npx"
                    [[mcp.servers]]
                    name = " github.com "
                    command = "npx"
                    """)).containsExactly("config.toml:5:8: duplicate server name ' github.com ': 'GitHub.com' is already"
                    + " defined at config.toml:2:8 (names must be unique ignoring case)");
        }

        @Test
        void caseOutsideAsciiIsNotFolded() {
            assertThat(parse("""
                    [[mcp.servers]]
                    name = "É"
                    command = "npx"
                    [[mcp.servers]]
                    name = "é"
                    command = "npx"
                    """).servers()).hasSize(2);
        }
    }

    @Nested
    class LeftoversOfAnotherTransport {

        @Test
        void onStdioAreWarningsAndStayOutOfTheSpec() {
            String toml = """
                    [[mcp.servers]]
                    name = "fs"
                    command = "npx"
                    url = "https://old.example.com/mcp"
                    tls_ca_cert_path = "/etc/ssl/ca.pem"
                    headers = { Authorization = "Bearer x" }
                    """;
            assertThat(warnings(toml)).containsExactly(
                    "config.toml:4:1: 'url' is ignored: this server's transport is stdio, which runs a command"
                            + " (a leftover of another transport? remove it)",
                    "config.toml:5:1: 'tls_ca_cert_path' is ignored: this server's transport is stdio, which runs a"
                            + " command (a leftover of another transport? remove it)",
                    "config.toml:6:1: 'headers' is ignored: this server's transport is stdio, which runs a command"
                            + " (a leftover of another transport? remove it)");
            ServerSpec spec = parse(toml).servers().get(0);
            assertThat(spec.url()).isEmpty();
            assertThat(spec.tlsCaCertPath()).isEmpty();
            assertThat(spec.headers()).isEmpty();
        }

        @Test
        void onHttpAreWarningsAndStayOutOfTheSpec() {
            String toml = """
                    [[mcp.servers]]
                    name = "remote"
                    transport = "http"
                    url = "https://mcp.example.com/mcp"
                    command = "npx"
                    args = ["-y", "server"]
                    env = { TOKEN = "x" }
                    """;
            assertThat(warnings(toml)).hasSize(3).allMatch(w -> w.contains("this server's transport is http, which is"
                    + " reached at its url"));
            ServerSpec spec = parse(toml).servers().get(0);
            assertThat(spec.command()).isEmpty();
            assertThat(spec.args()).isEmpty();
            assertThat(spec.env()).isEmpty();
        }

        @Test
        void emptyOnesAsUpstreamWritesThemAreSilent() {
            assertThat(warnings("""
                    [[mcp.servers]]
                    name = "remote"
                    transport = "sse"
                    url = "https://mcp.example.com/sse"
                    command = ""
                    args = []
                    env = {}
                    """)).isEmpty();
        }
    }

    @Nested
    class DisabledMcp {

        static final String BROKEN_SERVERS = """
                [mcp]
                enabled = %s

                [[mcp.servers]]
                name = "fs"
                tool_timeout_secs = 0
                """;

        @Test
        void serverProblemsAreWarningsWhenNoServerRuns() {
            assertThat(warnings(BROKEN_SERVERS.formatted("false"))).containsExactly("config.toml:6:21:"
                    + " 'tool_timeout_secs' must be between 1 and 600, got 0 (not refused: [mcp] enabled = false, no"
                    + " server runs)");
        }

        @Test
        void serverProblemsAreErrorsWhenServersRun() {
            assertThat(errors(BROKEN_SERVERS.formatted("true"))).containsExactly("config.toml:6:21:"
                    + " 'tool_timeout_secs' must be between 1 and 600, got 0");
        }

        @Test
        void aWrongTypeOrAnUnknownTransportStaysAnErrorAsUpstreamsDeserializerRefusesIt() {
            assertThat(errors("""
                    [mcp]
                    enabled = false

                    [[mcp.servers]]
                    name = "fs"
                    command = 5
                    transport = "carrier-pigeon"
                    """)).containsExactly(
                    "config.toml:6:11: 'command' must be a string, not an integer",
                    "config.toml:7:13: unknown transport 'carrier-pigeon' — known transports are: http, sse, stdio");
        }

        @Test
        void settingsOfTheDaemonStayErrors() {
            assertThat(errors("""
                    [mcp]
                    enabled = false
                    reload_debounce_ms = -1
                    """)).containsExactly("config.toml:3:22: 'reload_debounce_ms' must be between 0 and 60000, got -1");
        }
    }

    @Nested
    class UnknownKeys {

        @Test
        void aKeyFarFromEveryKnownOneIsAWarning() {
            assertThat(warnings("""
                    [mcp]
                    enabled = true
                    tool_search_limit = 5
                    """)).containsExactly("config.toml:3:1: unknown key 'tool_search_limit' in [mcp] is ignored (valid"
                    + " keys are: enabled, deferred_loading, auto_reload, reload_debounce_ms, ping_interval_secs,"
                    + " plugin_dir, gateway, servers, mcpServers, pin_tools, state_dir, telemetry, audit,"
                    + " oauth_client_metadata_url)");
        }

        @Test
        void aTypoOfAKnownKeyStaysAnError() {
            assertThat(errors("""
                    [mcp]
                    auto_relaod = true
                    """)).containsExactly("config.toml:2:1: unknown key 'auto_relaod' — did you mean 'auto_reload'?");
        }
    }

    @Nested
    class TlsCaCertPath {

        static String remote(String url, String path) {
            return """
                    [[mcp.servers]]
                    name = "remote"
                    transport = "http"
                    url = "%s"
                    tls_ca_cert_path = "%s"
                    """.formatted(url, path);
        }

        @Test
        void anAbsolutePathWithAnHttpsUrlIsKeptEvenIfTheFileIsMissing() {
            assertThat(parse(remote("https://mcp.internal/mcp", "/nonexistent/ca.pem")).servers().get(0).tlsCaCertPath())
                    .contains("/nonexistent/ca.pem");
        }

        @Test
        void emptyIsRefused() {
            assertThat(errors(remote("https://mcp.internal/mcp", ""))).containsExactly("config.toml:5:20:"
                    + " 'tls_ca_cert_path' is empty: name a PEM file of CA certificates, or remove the key");
        }

        @Test
        void relativeIsRefused() {
            assertThat(errors(remote("https://mcp.internal/mcp", "certs/ca.pem"))).containsExactly("config.toml:5:20:"
                    + " 'tls_ca_cert_path' must be an absolute path, got 'certs/ca.pem'");
        }

        @Test
        void aPlainHttpUrlIsRefusedAtTheUrlAsUpstreamSaysIt() {
            assertThat(errors(remote("http://mcp.internal/mcp", "/etc/ssl/ca.pem"))).containsExactly("config.toml:4:7:"
                    + " 'url' must use https when tls_ca_cert_path is set (the CA file is for TLS): use an https:// url,"
                    + " or remove tls_ca_cert_path");
            assertThat(parse(remote("HTTPS://mcp.internal/mcp", "/etc/ssl/ca.pem")).servers().get(0).tlsCaCertPath())
                    .as("the scheme ignores case").contains("/etc/ssl/ca.pem");
        }
    }

    @Nested
    class Urls {

        @Test
        void areTrimmed() {
            assertThat(parse("""
                    [[mcp.servers]]
                    name = "remote"
                    transport = "http"
                    url = "  https://mcp.example.com/mcp\\n"
                    """).servers().get(0).url()).isEqualTo(Optional.of("https://mcp.example.com/mcp"));
        }
    }

    @Nested
    class SchemaVersion {

        @Test
        void upToUpstreamsCurrentIsRead() {
            assertThat(parse("schema_version = 3\n").servers()).isEmpty();
        }

        @Test
        void zeroOrAStringIsRefused() {
            assertThat(errors("schema_version = 0\n")).containsExactly(
                    "config.toml:1:18: schema_version must be a positive integer, got 0");
            assertThat(errors("schema_version = \"3\"\n")).containsExactly(
                    "config.toml:1:18: schema_version must be a positive integer, got a string");
        }

        @Test
        void aNewerOneIsRefused() {
            assertThat(errors("schema_version = 4\n")).containsExactly("config.toml:1:18: schema_version 4 is newer than"
                    + " the 3 this zeroclaw reads (upstream ZeroClaw v0.8.4); upgrade zeroclaw, or write the file with that"
                    + " upstream version");
        }
    }

    static List<String> names(McpConfig config) {
        return config.servers().stream().map(ServerSpec::name).toList();
    }
}
