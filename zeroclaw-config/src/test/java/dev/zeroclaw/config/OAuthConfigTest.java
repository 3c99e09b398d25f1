package dev.zeroclaw.config;

import static dev.zeroclaw.config.ConfigFixture.errors;
import static dev.zeroclaw.config.ConfigFixture.warnings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import dev.zeroclaw.api.McpConfig;
import dev.zeroclaw.api.OAuthGrant;
import dev.zeroclaw.api.OAuthSettings;
import dev.zeroclaw.api.ServerSpec;
import dev.zeroclaw.config.secret.SecretResolver;
import dev.zeroclaw.config.secret.SecretSources;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OAuthConfigTest {

    private static final String SECRET = "cs_9f8e7d-very-secret";

    @TempDir
    Path dir;

    /** An http server entry named "remote" (lines 1-4) with these keys after it. */
    private static String remote(String keys) {
        return """
                [[mcp.servers]]
                name = "remote"
                transport = "http"
                url = "https://mcp.example.com/mcp"
                """ + keys;
    }

    @Test
    void aServerWithoutOAuthKeysHasNone() {
        ServerSpec spec = ConfigFixture.parse(remote("")).server("remote").orElseThrow();

        assertThat(spec.oauth()).isEqualTo(OAuthSettings.NONE);
    }

    @Test
    void readsEveryKey() {
        ServerSpec spec = ConfigFixture.parse(remote("""
                oauth_client_id = "zeroclaw-prod"
                oauth_client_secret = "%s"
                oauth_grant = "client_credentials"
                oauth_scopes = ["mcp:read", "mcp:write"]
                """.formatted(SECRET))).server("remote").orElseThrow();

        assertThat(spec.oauth()).isEqualTo(new OAuthSettings(Optional.of("zeroclaw-prod"), Optional.of(SECRET),
                OAuthGrant.CLIENT_CREDENTIALS, List.of("mcp:read", "mcp:write")));
        assertThat(spec.toString()).contains("zeroclaw-prod").doesNotContain(SECRET);
    }

    @Test
    void eachProblemIsAnErrorAtItsValueWithoutTheSecret() {
        assertThat(errors("""
                [[mcp.servers]]
                name = "a"
                transport = "http"
                url = "https://mcp.example.com/mcp"
                oauth_grant = "client_credential"
                [[mcp.servers]]
                name = "b"
                transport = "http"
                url = "https://mcp.example.com/mcp"
                oauth_client_secret = "%s"
                oauth_scopes = ["mcp:read mcp:write", ""]
                [[mcp.servers]]
                name = "c"
                transport = "http"
                url = "https://mcp.example.com/mcp"
                oauth_client_id = ""
                [[mcp.servers]]
                name = "d"
                transport = "sse"
                url = "https://mcp.example.com/sse"
                oauth_client_id = "only-an-id"
                oauth_grant = "client_credentials"
                """.formatted(SECRET))).containsExactly(
                "config.toml:5:15: unknown OAuth grant 'client_credential' — did you mean 'client_credentials'?",
                "config.toml:10:23: 'oauth_client_secret' needs 'oauth_client_id': a secret belongs to a client",
                "config.toml:11:17: 'oauth_scopes[0]' is not a scope: one scope per string, printable ASCII without"
                        + " spaces, quotes or backslashes",
                "config.toml:11:39: 'oauth_scopes[1]' is not a scope: one scope per string, printable ASCII without"
                        + " spaces, quotes or backslashes",
                "config.toml:16:19: 'oauth_client_id' is empty: name the client registered with the authorization"
                        + " server, or remove the key to register dynamically",
                "config.toml:22:15: oauth_grant = \"client_credentials\" needs 'oauth_client_id' and"
                        + " 'oauth_client_secret': without a person to log in, the client authenticates itself");
    }

    @Test
    void onAStdioServerTheKeysAreLeftoversWithAWarning() {
        assertThat(warnings("""
                [[mcp.servers]]
                name = "fs"
                command = "npx"
                oauth_client_id = "x"
                """)).containsExactly("config.toml:4:1: 'oauth_client_id' is ignored: this server's transport is stdio,"
                + " which runs a command (a leftover of another transport? remove it)");
    }

    @Test
    void theSecretIsASecretValueResolvedLikeHeaders() throws Exception {
        ParsedConfig parsed = new ConfigParser().read(ConfigFixture.FILE, remote("""
                oauth_client_id = "zeroclaw-prod"
                oauth_client_secret = "${env:M2M_SECRET}"
                oauth_grant = "client_credentials"
                """).getBytes(StandardCharsets.UTF_8));
        SecretResolver resolver = SecretResolver.of(new SecretSources(Map.of("M2M_SECRET", SECRET), dir,
                SecretSources.DEFAULT_OP_TIMEOUT));

        assertThat(parsed.holdsSecretReferences()).isTrue();
        assertThat(parsed.resolveSecrets(resolver).config().server("remote").orElseThrow().oauth().clientSecret()).contains(SECRET);
        assertThatExceptionOfType(ConfigException.class).isThrownBy(() -> parsed.resolveSecrets(SecretResolver.of(
                new SecretSources(Map.of(), dir, SecretSources.DEFAULT_OP_TIMEOUT))))
                .satisfies(missing -> assertThat(missing.errors()).singleElement().satisfies(error -> assertThat(error.toString())
                        .startsWith("config.toml:6:23: oauth_client_secret of server 'remote': ")));
    }

    @Test
    void theClientMetadataUrlComesFromTheEntryElseFromMcpAndOnlyForRemoteServers() {
        McpConfig parsed = ConfigFixture.parse("""
                [mcp]
                oauth_client_metadata_url = "https://zeroclaw.example.com/client.json"
                [[mcp.servers]]
                name = "inherits"
                transport = "http"
                url = "https://mcp.example.com/mcp"
                [[mcp.servers]]
                name = "own"
                transport = "sse"
                url = "https://mcp.example.com/sse"
                oauth_client_metadata_url = "https://team.example.com/zeroclaw/client.json"
                [[mcp.servers]]
                name = "fs"
                command = "npx"
                """);

        assertThat(parsed.server("inherits").orElseThrow().oauth().clientMetadataUrl()).contains("https://zeroclaw.example.com/client.json");
        assertThat(parsed.server("inherits").orElseThrow().oauth().isNone()).isTrue(); // not a sign that it uses OAuth
        assertThat(parsed.server("own").orElseThrow().oauth().clientMetadataUrl()).contains("https://team.example.com/zeroclaw/client.json");
        assertThat(parsed.server("fs").orElseThrow().oauth()).isEqualTo(OAuthSettings.NONE);
    }

    @Test
    void aClientMetadataUrlMustBeHttpsWithAPath() {
        assertThat(errors("""
                [mcp]
                oauth_client_metadata_url = "http://zeroclaw.example.com/client.json"
                [[mcp.servers]]
                name = "a"
                transport = "http"
                url = "https://mcp.example.com/mcp"
                oauth_client_metadata_url = "https://zeroclaw.example.com"
                """)).containsExactly(
                "config.toml:2:29: 'oauth_client_metadata_url' must be an https URL with a path, where zeroclaw's Client ID"
                        + " Metadata Document is served (see docs/oauth.md), not 'http://zeroclaw.example.com/client.json'",
                "config.toml:7:29: 'oauth_client_metadata_url' must be an https URL with a path, where zeroclaw's Client ID"
                        + " Metadata Document is served (see docs/oauth.md), not 'https://zeroclaw.example.com'");
    }
}
