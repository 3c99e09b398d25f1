package dev.zeroclaw.config;

import static dev.zeroclaw.config.ConfigFixture.errors;
import static dev.zeroclaw.config.ConfigFixture.parse;
import static dev.zeroclaw.config.ConfigFixture.warnings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.zeroclaw.api.McpBundle;
import dev.zeroclaw.api.McpConfig;
import dev.zeroclaw.api.ToolPattern;
import dev.zeroclaw.config.secret.SecretResolver;
import dev.zeroclaw.config.secret.SecretSources;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code [mcp_bundles.<alias>]} as the user writes it: upstream's keys, zeroclaw's, and the mistakes. */
class BundleConfigTest {

    private static final String SERVERS = """
            [[mcp.servers]]
            name = "github"
            command = "npx"
            [[mcp.servers]]
            name = "fs"
            command = "npx"
            """;

    @Test
    void everyKeyIsRead() {
        McpConfig config = parse(SERVERS + """
                [mcp_bundles.dev]
                servers = ["github", "fs"]
                exclude = ["fs"]
                tools = ["github__get_*"]
                auth_token_env = "DEV_TOKEN"
                deferred_loading = true
                [mcp_bundles.ops_2]
                servers = ["fs"]
                """);

        assertThat(config.bundles()).containsExactly(
                new McpBundle("dev", List.of("github", "fs"), List.of("fs"), List.of(new ToolPattern("github__get_*")),
                        Optional.of("DEV_TOKEN"), Optional.of(true), Optional.empty()),
                new McpBundle("ops_2", List.of("fs"), List.of(), List.of(), Optional.empty(), Optional.empty(), Optional.empty()));
        McpBundle dev = config.bundle("dev").orElseThrow();
        assertThat(dev.grants("github")).isTrue();
        assertThat(dev.grants("fs")).as("exclude wins").isFalse();
        assertThat(dev.grants("github", "get_issue")).isTrue();
        assertThat(dev.grants("github", "create_issue")).isFalse();
    }

    @Test
    void anUnknownServerNameGrantsNothingAndIsAWarning() {
        String toml = SERVERS + """
                [mcp_bundles.dev]
                servers = ["github", "gitlab"]
                """;

        assertThat(warnings(toml)).containsExactly("config.toml:8:22: mcp_bundles.dev.servers references an MCP server name"
                + " not in [mcp.servers] ('gitlab'); it grants nothing");
    }

    @Test
    void badAliasesMistypedKeysAndPatternsAreErrorsAtTheirPlace() {
        assertThat(errors(SERVERS + """
                [mcp_bundles.Dev-Team]
                servers = ["github"]
                [mcp_bundles.a__b]
                servers = ["github"]
                [mcp_bundles.ok]
                server = ["github"]
                tools = ["github__a*b*"]
                auth_token_env = "not a name"
                deferred_loading = "yes"
                """)).containsExactly(
                "config.toml:7:1: [mcp_bundles.Dev-Team]: bundle alias 'Dev-Team' is not valid: use lower-case letters,"
                        + " digits and single underscores, starting with a letter or digit (as upstream ZeroClaw)",
                "config.toml:9:1: [mcp_bundles.a__b]: bundle alias 'a__b' is not valid: use lower-case letters,"
                        + " digits and single underscores, starting with a letter or digit (as upstream ZeroClaw)",
                "config.toml:12:1: unknown key 'server' — did you mean 'servers'?",
                "config.toml:13:10: 'tools[0]': tool pattern 'github__a*b*' has 2 '*'; a pattern has at most one (as upstream"
                        + " ZeroClaw's tool_filter_groups)",
                "config.toml:14:18: 'auth_token_env' of bundle 'ok' must be the name of an environment variable (letters,"
                        + " digits, _), got 'not a name'",
                "config.toml:15:20: 'deferred_loading' must be a boolean (true or false), not a string");
    }

    @Test
    void aliasGrammarIsUpstreams() {
        assertThat(McpBundle.aliasProblem("dev_team_2")).isEmpty();
        assertThat(McpBundle.aliasProblem("9lives")).isEmpty();
        assertThat(McpBundle.aliasProblem("_dev")).isPresent();
        assertThat(McpBundle.aliasProblem("dev-team")).isPresent();
        assertThat(McpBundle.aliasProblem("a".repeat(63))).isEmpty();
        assertThat(McpBundle.aliasProblem("a".repeat(64))).contains("bundle alias '" + "a".repeat(64)
                + "' is 64 characters long; at most 63");
    }

    @Test
    void tokensAreReadFromTheEnvironmentAndNeverPrinted(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        ParsedConfig parsed = read(SERVERS + """
                [mcp_bundles.dev]
                servers = ["github"]
                auth_token_env = "DEV_TOKEN"
                """);

        McpConfig config = parsed.resolveSecrets(resolver(dir, Map.of("DEV_TOKEN", "s3cr3t-dev"))).config();

        McpBundle dev = config.bundle("dev").orElseThrow();
        assertThat(dev.authToken()).contains("s3cr3t-dev");
        assertThat(dev.toString()).doesNotContain("s3cr3t-dev").contains("DEV_TOKEN");
    }

    @Test
    void anUnsetVariableAndASharedTokenAreErrorsAtTheKey(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        ParsedConfig parsed = read(SERVERS + """
                [mcp_bundles.dev]
                servers = ["github"]
                auth_token_env = "DEV_TOKEN"
                [mcp_bundles.ops]
                servers = ["fs"]
                auth_token_env = "OPS_TOKEN"
                [mcp_bundles.qa]
                servers = ["fs"]
                auth_token_env = "QA_TOKEN"
                """);

        ConfigException e = catchThrowableOfType(ConfigException.class, () -> parsed.resolveSecrets(
                resolver(dir, Map.of("DEV_TOKEN", "same-token", "QA_TOKEN", "same-token", "OPS_TOKEN", ""))));

        assertThat(e.errors()).extracting(Object::toString).containsExactly(
                "config.toml:12:18: auth_token_env of bundle 'ops' names OPS_TOKEN, which is not set (or empty) in the"
                        + " daemon's environment; set it to the bearer token the bundle's clients send",
                "config.toml:15:18: bundle 'qa' has the same token as bundle 'dev' (QA_TOKEN): a request carrying it could"
                        + " not tell which bundle it opens; give each bundle its own token");
        assertThat(e.getMessage()).doesNotContain("same-token");
    }

    @Test
    void aBundleWithTheGatewaysTokenIsAnError(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        ParsedConfig parsed = read("""
                [mcp.gateway]
                auth_token_env = "GW_TOKEN"
                [mcp_bundles.dev]
                auth_token_env = "DEV_TOKEN"
                """);

        ConfigException e = catchThrowableOfType(ConfigException.class, () -> parsed.resolveSecrets(
                resolver(dir, Map.of("GW_TOKEN", "one-token", "DEV_TOKEN", "one-token"))));

        assertThat(e.errors()).extracting(Object::toString).containsExactly("config.toml:4:18: bundle 'dev' has the"
                + " gateway's token (DEV_TOKEN holds what [mcp.gateway] auth_token_env does): it would open every view; give the"
                + " bundle its own token");
    }

    private static ParsedConfig read(String toml) throws ConfigException {
        ParsedConfig parsed = new ConfigParser().read(ConfigFixture.FILE, toml.getBytes(StandardCharsets.UTF_8));
        assertThat(parsed.errors()).isEmpty();
        return parsed;
    }

    private static SecretResolver resolver(Path dir, Map<String, String> environment) {
        return SecretResolver.of(new SecretSources(environment, dir, SecretSources.DEFAULT_OP_TIMEOUT));
    }
}
