package dev.zeroclaw.config;

import static dev.zeroclaw.config.ConfigFixture.errors;
import static dev.zeroclaw.config.ConfigFixture.warnings;
import static org.assertj.core.api.Assertions.assertThat;

import dev.zeroclaw.api.GatewayAuth;
import dev.zeroclaw.api.McpConfig;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Each rule of the schema, with the exact message and position the user sees. */
class ValidationRulesTest {

    @Nested
    class UnknownKeys {

        @Test
        void inServerEntrySuggestsTheClosestKey() {
            assertThat(errors("""
                    [[mcp.servers]]
                    name = "fs"
                    comand = "npx"
                    """)).contains("config.toml:3:1: unknown key 'comand' — did you mean 'command'?");
        }

        @Test
        void withoutCloseMatchIsAWarningListingTheValidKeys() {
            assertThat(warnings("""
                    [[mcp.servers]]
                    name = "fs"
                    command = "npx"
                    bogus = 1
                    """)).containsExactly("config.toml:4:1: unknown key 'bogus' in a server entry is ignored (valid keys are:"
                    + " name, transport, command, args, env, url, headers, tool_timeout_secs, pinned_resources,"
                    + " tls_ca_cert_path, cwd, enabled, startup_timeout_secs, stop_timeout_secs, restart, restart_strategy,"
                    + " options, allowed_tools, excluded_tools, max_result_bytes, pin_tools, tool_prefix, oauth_client_id,"
                    + " oauth_client_secret, oauth_grant, oauth_scopes, oauth_client_metadata_url, oauth_client_key,"
                    + " oauth_client_key_id)");
        }

        @Test
        void inMcpAndGatewayTables() {
            assertThat(errors("""
                    [mcp]
                    enabeld = true
                    [mcp.gateway]
                    listn = "127.0.0.1:1"
                    """)).containsExactly(
                    "config.toml:2:1: unknown key 'enabeld' — did you mean 'enabled'?",
                    "config.toml:4:1: unknown key 'listn' — did you mean 'listen'?");
        }

        @Test
        void dottedKeyIsReportedAtItsFirstPart() {
            assertThat(errors("""
                    [[mcp.servers]]
                    name = "fs"
                    command = "npx"
                      evn.API_KEY = "x"
                    """)).containsExactly("config.toml:4:3: unknown key 'evn' — did you mean 'env'?");
        }
    }

    @Nested
    class Transports {

        @Test
        void whatATransportAsksOfAnEntryIsItsProvidersToCheckNotTheParsers() {
            // stdio's command, http's url: TransportProvider.validate, with positions (ParsedConfigCheckTest).
            assertThat(ConfigFixture.parse("""
                    [[mcp.servers]]
                    name = "fs"
                    url = "ftp://example.com"
                    [[mcp.servers]]
                    name = "r"
                    transport = "http"
                    command = "node"
                    """).servers()).hasSize(2);
        }

        @Test
        void remoteWithEmptyStdioKeysIsFine() {
            assertThat(ConfigFixture.parse("""
                    [[mcp.servers]]
                    name = "r"
                    transport = "http"
                    url = "https://mcp.example.com/mcp"
                    command = ""
                    args = []
                    env = {}
                    """).servers()).hasSize(1);
        }

        @Test
        void unknownTransportSuggestsTheClosest() {
            assertThat(errors("""
                    [[mcp.servers]]
                    name = "fs"
                    transport = "htp"
                    """)).containsExactly("config.toml:3:13: unknown transport 'htp' — did you mean 'http'?");
        }

        @Test
        void unknownTransportWithoutCloseMatchListsTheKnownOnes() {
            assertThat(errors("""
                    [[mcp.servers]]
                    name = "fs"
                    transport = "grpc"
                    """)).containsExactly(
                    "config.toml:3:13: unknown transport 'grpc' — known transports are: http, sse, stdio");
        }

        @Test
        void transportOfTheWrongTypeIsReportedAloneWithoutTheRulesOfAnyTransport() {
            assertThat(errors("""
                    [[mcp.servers]]
                    name = "r"
                    transport = ["http"]
                    url = "https://mcp.example.com/mcp"
                    """)).containsExactly("config.toml:3:13: 'transport' must be a string, not an array");
        }

        @Test
        void pluginTransportsAreKnownToTheParserThatIsGivenThem() {
            ConfigParser parser = new ConfigParser(Set.of("stdio", "http", "sse", "websocket"));

            assertThat(errors(parser, """
                    [[mcp.servers]]
                    name = "fs"
                    transport = "websockets"
                    """)).containsExactly("config.toml:3:13: unknown transport 'websockets' — did you mean 'websocket'?");
        }

        @Test
        void theDaemonsParserChecksTheSpellingOfTransportNames() {
            assertThat(errors(ConfigParser.acceptingAnyTransport(), """
                    [[mcp.servers]]
                    name = "r"
                    transport = "http"
                    [[mcp.servers]]
                    name = "w"
                    transport = "Web_Socket"
                    """)).containsExactly(
                    "config.toml:6:13: transport 'Web_Socket' is not a valid transport name: lower-case letters, digits and '-'");
        }
    }

    @Nested
    class Names {

        @Test
        void nameIsRequired() {
            assertThat(errors("""
                    [[mcp.servers]]
                    command = "npx"
                    """)).containsExactly("config.toml:1:1: server entry has no 'name'; every server needs a unique name");
        }

        @Test
        void nameMissingInInlineEntryIsReportedAtTheEntry() {
            assertThat(errors("""
                    [mcp]
                    servers = [
                        { command = "npx" },
                    ]
                    """)).containsExactly("config.toml:3:5: server entry has no 'name'; every server needs a unique name");
        }

        @Test
        void nameMustNotBeEmpty() {
            assertThat(errors("""
                    [[mcp.servers]]
                    name = ""
                    command = "npx"
                    """)).containsExactly("config.toml:2:8: server name must not be empty");
        }

        @Test
        void nameMustNotBeBlank() {
            assertThat(errors("""
                    [[mcp.servers]]
                    name = "  "
                    command = "npx"
                    """)).containsExactly("config.toml:2:8: server name must not be empty");
        }

        @Test
        void nameMustNotHoldALineBreak() {
            assertThat(errors("""
                    [[mcp.servers]]
                    name = "fs\\nfake log line"
                    command = "npx"
                    """)).containsExactly("config.toml:2:8: server name 'fs\\u000afake log line' must not contain a"
                    + " control character (a line break, a tab, ...): names appear in log lines");
        }

        @Test
        void duplicateIgnoringCaseNamesWhereTheFirstOneIs() {
            assertThat(errors("""
                    [[mcp.servers]]
                    name = "fs"
                    command = "npx"

                    [[mcp.servers]]
                    name = "FS"
                    command = "npx"
                    """)).containsExactly("config.toml:6:8: duplicate server name 'FS': 'fs' is already defined at"
                    + " config.toml:2:8 (names must be unique ignoring case)");
        }

        @Test
        void serversAndMcpServersTogetherAreAnError() {
            assertThat(errors("""
                    [[mcp.servers]]
                    name = "a"
                    command = "x"
                    [[mcp.mcpServers]]
                    name = "b"
                    command = "y"
                    """)).containsExactly("config.toml:4:1: both 'servers' and 'mcpServers' are set;"
                    + " 'mcpServers' is another name for 'servers': keep one");
        }
    }

    @Nested
    class Types {

        @Test
        void wrongTypesNameTheKeyAndTheExpectedType() {
            assertThat(errors("""
                    [[mcp.servers]]
                    name = "fs"
                    command = "npx"
                    tool_timeout_secs = "180"
                    args = "x"
                    env = { A = 1 }
                    enabled = "yes"
                    pinned_resources = ["a", 2]
                    """)).containsExactly(
                    "config.toml:4:21: 'tool_timeout_secs' must be an integer, not a string",
                    "config.toml:5:8: 'args' must be an array of strings, not a string",
                    "config.toml:6:13: 'env.A' must be a string, not an integer",
                    "config.toml:7:11: 'enabled' must be a boolean (true or false), not a string",
                    "config.toml:8:26: 'pinned_resources[1]' must be a string, not an integer");
        }

        @Test
        void headersMustBeATableOfStrings() {
            assertThat(errors("""
                    [[mcp.servers]]
                    name = "r"
                    transport = "http"
                    url = "https://mcp.example.com/mcp"
                    headers = "Authorization: Bearer t"
                    """)).containsExactly("config.toml:5:11: 'headers' must be a table of strings, not a string");
        }

        @Test
        void wrongTypesInMcpTable() {
            assertThat(errors("""
                    [mcp]
                    enabled = 1
                    reload_debounce_ms = 1.5
                    gateway = "127.0.0.1:1"
                    servers = { name = "fs" }
                    """)).containsExactly(
                    "config.toml:2:11: 'enabled' must be a boolean (true or false), not an integer",
                    "config.toml:3:22: 'reload_debounce_ms' must be an integer, not a float",
                    "config.toml:4:11: 'gateway' must be a table, not a string",
                    "config.toml:5:11: 'servers' must be an array of tables ([[mcp.servers]]), not a table");
        }

        @Test
        void mcpMustBeATable() {
            assertThat(errors("mcp = true\n")).containsExactly("config.toml:1:7: 'mcp' must be a table, not a boolean");
        }

        @Test
        void serverEntryMustBeATable() {
            assertThat(errors("""
                    [mcp]
                    servers = ["fs"]
                    """)).containsExactly("config.toml:2:12: 'servers[0]' must be a table, not a string");
        }
    }

    @Nested
    class Ranges {

        @Test
        void timeoutsOutOfRange() {
            assertThat(errors("""
                    [[mcp.servers]]
                    name = "fs"
                    command = "npx"
                    tool_timeout_secs = 0
                    startup_timeout_secs = 3601
                    stop_timeout_secs = -1
                    """)).containsExactly(
                    "config.toml:4:21: 'tool_timeout_secs' must be between 1 and 600, got 0",
                    "config.toml:5:24: 'startup_timeout_secs' must be between 1 and 3600, got 3601",
                    "config.toml:6:21: 'stop_timeout_secs' must be between 1 and 3600, got -1");
        }

        @Test
        void toolTimeoutAboveTheUpstreamLimit() {
            assertThat(errors("""
                    [[mcp.servers]]
                    name = "fs"
                    command = "npx"
                    tool_timeout_secs = 601
                    """)).containsExactly("config.toml:4:21: 'tool_timeout_secs' must be between 1 and 600, got 601");
        }

        @Test
        void reloadDebounceOutOfRange() {
            assertThat(errors("""
                    [mcp]
                    reload_debounce_ms = 60001
                    """)).containsExactly(
                    "config.toml:2:22: 'reload_debounce_ms' must be between 0 and 60000, got 60001");
        }

        @Test
        void pluginDirMustBeAbsolute() {
            assertThat(errors("""
                    [mcp]
                    plugin_dir = "plugins"
                    """)).containsExactly("config.toml:2:14: 'plugin_dir' must be an absolute path, got 'plugins'");
        }

        @Test
        void pingIntervalMustBePositive() {
            assertThat(errors("""
                    [mcp]
                    ping_interval_secs = 0
                    """)).containsExactly(
                    "config.toml:2:22: 'ping_interval_secs' must be between 1 and 3600, got 0");
        }

        @Test
        void listenNeedsHostAndPort() {
            assertThat(errors("""
                    [mcp.gateway]
                    listen = "localhost"
                    """)).containsExactly("config.toml:2:10: 'listen' must be host:port with a port from 1 to 65535"
                    + " (an IPv6 host in brackets: [::1]:8765), got 'localhost'");
        }

        @Test
        void listenPortOutOfRange() {
            assertThat(errors("""
                    [mcp.gateway]
                    listen = "127.0.0.1:65536"
                    """)).containsExactly("config.toml:2:10: 'listen' must be host:port with a port from 1 to 65535"
                    + " (an IPv6 host in brackets: [::1]:8765), got '127.0.0.1:65536'");
        }

        @Test
        void listenIpv6WithoutBracketsIsAnError() {
            assertThat(errors("""
                    [mcp.gateway]
                    listen = "::1:8765"
                    """)).hasSize(1);
        }

        @Test
        void gatewayAuthDefaultsToATokenAndNoneMustBeWritten() {
            assertThat(ConfigFixture.parse("[mcp.gateway]\nlisten = \"127.0.0.1:1\"\n").settings().gatewayAuth())
                    .isEqualTo(GatewayAuth.TOKEN);
            assertThat(ConfigFixture.parse("[mcp.gateway]\nauth = \"none\"\n").settings().gatewayAuth())
                    .isEqualTo(GatewayAuth.NONE);
        }

        @Test
        void gatewayAuthIsTokenOrNone() {
            assertThat(errors("""
                    [mcp.gateway]
                    auth = "off"
                    """)).containsExactly("config.toml:2:8: 'auth' must be \"token\" (the default: every request carries"
                    + " a bearer token) or \"none\" (every local user may call every server), got 'off'");
        }

        @Test
        void gatewayAuthNoneWithATokenVariableIsAContradiction() {
            assertThat(errors("""
                    [mcp.gateway]
                    auth = "none"
                    auth_token_env = "ZC_TOKEN"
                    """)).containsExactly("config.toml:2:8: 'auth = \"none\"' turns the token off, but 'auth_token_env'"
                    + " names one: remove one of the two");
        }

        @Test
        void cwdMustBeAbsolute() {
            assertThat(errors("""
                    [[mcp.servers]]
                    name = "fs"
                    command = "npx"
                    cwd = "relative/dir"
                    """)).containsExactly("config.toml:4:7: 'cwd' must be an absolute path, got 'relative/dir'");
        }
    }

    @Nested
    class Restart {

        @Test
        void badEnumValuesSuggestOrList() {
            assertThat(errors("""
                    [[mcp.servers]]
                    name = "fs"
                    command = "npx"
                    restart = "on-fail"
                    restart_strategy = "replace"
                    """)).containsExactly(
                    "config.toml:4:11: unknown restart policy 'on-fail' — did you mean 'on-failure'?",
                    "config.toml:5:20: unknown restart strategy 'replace' — valid strategies are: start-first,"
                            + " stop-first");
        }

        @Test
        void underscoreSpellingSuggestsTheDashedOne() {
            assertThat(errors("""
                    [[mcp.servers]]
                    name = "fs"
                    command = "npx"
                    restart_strategy = "stop_first"
                    """)).containsExactly(
                    "config.toml:4:20: unknown restart strategy 'stop_first' — did you mean 'stop-first'?");
        }
    }

    @Nested
    class EncryptedValues {

        // Resolved later, with the key beside the file (ConfigSecretsTest); the parse reads them as written.
        @Test
        void encryptedValuesAreReadAsWrittenNotRefused() {
            McpConfig config = ConfigFixture.parse("""
                    [[mcp.servers]]
                    name = "fs"
                    command = "npx"
                    env = { API_KEY = "enc2:deadbeef" }
                    [[mcp.servers]]
                    name = "r"
                    transport = "http"
                    url = "https://mcp.example.com/mcp"
                    [mcp.servers.headers]
                    Authorization = "op://vault/item/field"
                    """);

            assertThat(config.server("fs").orElseThrow().env()).containsEntry("API_KEY", "enc2:deadbeef");
            assertThat(config.server("r").orElseThrow().headers()).containsEntry("Authorization", "op://vault/item/field");
        }

        @Test
        void anEncryptedLookingArgumentIsAnArgument() {
            assertThat(ConfigFixture.parse("""
                    [[mcp.servers]]
                    name = "fs"
                    command = "npx"
                    args = ["--token", "enc2:ff"]
                    """).server("fs").orElseThrow().args()).containsExactly("--token", "enc2:ff");
        }
    }

    @Test
    void allProblemsOfAFileAreReportedTogetherInFileOrder() {
        assertThat(errors("""
                [mcp]
                reload_debounce_ms = -5

                [[mcp.servers]]
                name = "fs"
                comand = "npx"
                command = "npx"

                [[mcp.servers]]
                name = "remote"
                transport = "grpc"
                """)).containsExactly(
                "config.toml:2:22: 'reload_debounce_ms' must be between 0 and 60000, got -5",
                "config.toml:6:1: unknown key 'comand' — did you mean 'command'?",
                "config.toml:11:13: unknown transport 'grpc' — known transports are: http, sse, stdio");
    }
}
