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
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.util.Base64;
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
                        + " 'oauth_client_secret' (or 'oauth_client_key'): without a person to log in, the client"
                        + " authenticates itself");
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
    void aClientKeyIsReadWithItsIdAndNeverPrinted() throws Exception {
        String pem = pem("PRIVATE KEY", ecKey());
        ServerSpec spec = ConfigFixture.parse(remote("""
                oauth_client_id = "zeroclaw-prod"
                oauth_client_key = '''
                %s'''
                oauth_client_key_id = "key-1"
                oauth_grant = "client_credentials"
                """.formatted(pem))).server("remote").orElseThrow();

        assertThat(spec.oauth().clientKey()).contains(pem);
        assertThat(spec.oauth().clientKeyId()).contains("key-1");
        assertThat(spec.oauth().grant()).isEqualTo(OAuthGrant.CLIENT_CREDENTIALS);
        assertThat(spec.toString()).contains("clientKey=***").doesNotContain(body(pem));
    }

    @Test
    void eachClientKeyProblemIsAnErrorAtItsValueWithoutTheKey() throws Exception {
        String sec1 = pem("EC PRIVATE KEY", ecKey());
        assertThat(errors("""
                [[mcp.servers]]
                name = "a"
                transport = "http"
                url = "https://mcp.example.com/mcp"
                oauth_client_id = "x"
                oauth_client_key = "%s-not-a-key"
                [[mcp.servers]]
                name = "b"
                transport = "http"
                url = "https://mcp.example.com/mcp"
                oauth_client_id = "x"
                oauth_client_secret = "%s"
                oauth_client_key = "${file:/etc/zeroclaw/key.pem}"
                [[mcp.servers]]
                name = "c"
                transport = "http"
                url = "https://mcp.example.com/mcp"
                oauth_client_key = "${file:/etc/zeroclaw/key.pem}"
                oauth_client_key_id = "k"
                [[mcp.servers]]
                name = "d"
                transport = "http"
                url = "https://mcp.example.com/mcp"
                oauth_client_id = "x"
                oauth_client_key = '''%s'''
                [[mcp.servers]]
                name = "e"
                transport = "http"
                url = "https://mcp.example.com/mcp"
                oauth_client_id = "x"
                oauth_client_key_id = "k"
                """.formatted(SECRET, SECRET, sec1))).containsExactly(
                "config.toml:6:20: 'oauth_client_key' is not a PEM private key (-----BEGIN PRIVATE KEY----- ..."
                        + " -----END PRIVATE KEY-----)",
                "config.toml:13:20: 'oauth_client_key' and 'oauth_client_secret' are both set: a client authenticates"
                        + " with a secret or with a key, not both",
                "config.toml:18:20: 'oauth_client_key' needs 'oauth_client_id': a key belongs to a client",
                "config.toml:25:20: 'oauth_client_key' is a PEM 'EC PRIVATE KEY'; give it as PKCS#8 ('PRIVATE KEY'):"
                        + " openssl pkcs8 -topk8 -nocrypt -in key.pem",
                "config.toml:35:23: 'oauth_client_key_id' needs 'oauth_client_key': it names that key");
    }

    @Test
    void theClientKeyIsASecretValueCheckedOnceResolved() throws Exception {
        String pem = pem("PRIVATE KEY", ecKey());
        Path key = dir.resolve("key.pem");
        Files.writeString(key, pem);
        Path notKey = dir.resolve("not-key.pem");
        Files.writeString(notKey, SECRET);
        String file = remote("""
                oauth_client_id = "zeroclaw-prod"
                oauth_client_key = "${file:%s}"
                """);
        SecretResolver resolver = SecretResolver.of(new SecretSources(Map.of(), dir, SecretSources.DEFAULT_OP_TIMEOUT));

        ParsedConfig parsed = new ConfigParser().read(ConfigFixture.FILE, file.formatted(key).getBytes(StandardCharsets.UTF_8));
        assertThat(parsed.holdsSecretReferences()).isTrue();
        assertThat(parsed.resolveSecrets(resolver).config().server("remote").orElseThrow().oauth().clientKey()).contains(pem.strip()); // ${file:} drops the last newline
        ParsedConfig wrong = new ConfigParser().read(ConfigFixture.FILE, file.formatted(notKey).getBytes(StandardCharsets.UTF_8));
        assertThatExceptionOfType(ConfigException.class).isThrownBy(() -> wrong.resolveSecrets(resolver))
                .satisfies(error -> assertThat(error.errors()).singleElement().satisfies(one -> assertThat(one.toString())
                        .isEqualTo("config.toml:6:20: oauth_client_key of server 'remote': the resolved value is not a PEM"
                                + " private key (-----BEGIN PRIVATE KEY----- ... -----END PRIVATE KEY-----)")
                        .doesNotContain(SECRET)));
    }

    private static byte[] ecKey() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(256);
        return generator.generateKeyPair().getPrivate().getEncoded();
    }

    /** A PEM of that type around the DER (a PKCS#8 body under another label stands for a SEC1 key here). */
    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static String body(String pem) {
        return pem.lines().skip(1).findFirst().orElseThrow();
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
