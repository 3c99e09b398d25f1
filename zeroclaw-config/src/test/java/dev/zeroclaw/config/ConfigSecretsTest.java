package dev.zeroclaw.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.zeroclaw.api.ConfigError;
import dev.zeroclaw.api.McpConfig;
import dev.zeroclaw.api.ServerSpec;
import dev.zeroclaw.config.secret.SecretCipher;
import dev.zeroclaw.config.secret.SecretResolver;
import dev.zeroclaw.config.secret.SecretSources;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A parsed file's secret values resolved: the specs carry the secrets, the errors point at the values. */
class ConfigSecretsTest {

    private static final byte[] KEY = HexFormat.of().parseHex("00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff");
    private static final String SECRET = "ghp_S3CR3T-zq9-7f1d";

    @TempDir
    Path dir;

    private ParsedConfig read(String toml) throws ConfigException {
        ParsedConfig parsed = new ConfigParser().read(ConfigFixture.FILE, toml.getBytes(StandardCharsets.UTF_8));
        assertThat(parsed.errors()).isEmpty();
        return parsed;
    }

    private SecretResolver resolver(Map<String, String> environment) {
        return SecretResolver.of(new SecretSources(environment, dir, SecretSources.DEFAULT_OP_TIMEOUT));
    }

    private void writeKey() throws Exception {
        Path key = Files.writeString(dir.resolve(".secret_key"), HexFormat.of().formatHex(KEY));
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
    }

    @Test
    void theSpecsOfConfigAndEntriesCarryTheResolvedValues() throws Exception {
        writeKey();
        ParsedConfig parsed = read("""
                [[mcp.servers]]
                name = "github"
                command = "npx"
                env = { API_KEY = "%s", LOG = "info" }
                [[mcp.servers]]
                name = "remote"
                transport = "http"
                url = "https://mcp.example.com/mcp"
                headers = { Authorization = "Bearer ${env:REMOTE_TOKEN}" }
                """.formatted(SecretCipher.encrypt(KEY, SECRET)));

        ParsedConfig resolved = parsed.resolveSecrets(resolver(Map.of("REMOTE_TOKEN", "t0k")));

        assertThat(parsed.holdsSecretReferences()).isTrue();
        assertThat(resolved.holdsSecretReferences()).isTrue();
        ServerSpec github = resolved.config().server("github").orElseThrow();
        assertThat(github.env()).containsExactly(Map.entry("API_KEY", SECRET), Map.entry("LOG", "info"));
        assertThat(resolved.config().server("remote").orElseThrow().headers()).containsEntry("Authorization", "Bearer t0k");
        assertThat(resolved.entry(github)).isNotNull();
        assertThat(resolved.config().servers()).extracting(ServerSpec::name).containsExactly("github", "remote");
    }

    @Test
    void aFileWithoutReferencesIsReturnedAsItIs() throws Exception {
        ParsedConfig parsed = read("[[mcp.servers]]\nname = \"fs\"\ncommand = \"npx\"\nenv = { A = \"plain ${HOME}\" }\n");

        assertThat(parsed.holdsSecretReferences()).isFalse();
        assertThat(parsed.resolveSecrets(value -> {
            throw new AssertionError("nothing to resolve");
        })).isSameAs(parsed);
    }

    @Test
    void everyFailureIsAnErrorAtItsValueNamingServerAndKeyNeverTheValue() throws Exception {
        ParsedConfig parsed = read("""
                [[mcp.servers]]
                name = "github"
                command = "npx"
                env = { API_KEY = "%s" }
                [[mcp.servers]]
                name = "remote"
                transport = "http"
                url = "https://mcp.example.com/mcp"
                [mcp.servers.headers]
                Authorization = "Bearer ${env:%s}"
                X-Other = "${file:/nonexistent/zeroclaw-secret}"
                """.formatted(SecretCipher.encrypt(KEY, SECRET), "MISSING_TOKEN"));

        List<ConfigError> errors = errors(() -> parsed.resolveSecrets(resolver(Map.of())));

        assertThat(errors).extracting(ConfigError::toString).containsExactly(
                "config.toml:4:19: env.API_KEY of server 'github': there is no key file " + dir.resolve(".secret_key")
                        + "; copy the .secret_key of the ZeroClaw that encrypted the value there (mode 0600)",
                "config.toml:10:17: headers.Authorization of server 'remote': the environment variable MISSING_TOKEN"
                        + " is not set in the daemon's environment",
                "config.toml:11:11: headers.X-Other of server 'remote': the file /nonexistent/zeroclaw-secret does not exist");
    }

    @Test
    void theWrongKeyIsNamedAsTheIssueShowsIt() throws Exception {
        writeKey();
        byte[] other = KEY.clone();
        other[5] ^= 1;
        ParsedConfig parsed = read("[[mcp.servers]]\nname = \"github\"\ncommand = \"npx\"\nenv = { API_KEY = \""
                + SecretCipher.encrypt(other, SECRET) + "\" }\n");

        ConfigException failure = failure(() -> parsed.resolveSecrets(resolver(Map.of())));

        assertThat(failure.errors()).extracting(ConfigError::message).containsExactly("env.API_KEY of server 'github': the key in "
                + dir.resolve(".secret_key") + " does not decrypt it (another key, or a changed value); restore the key that"
                + " encrypted it, or encrypt the secret again");
        assertThat(failure.getMessage() + printed(failure)).doesNotContain(SECRET);
    }

    @Test
    void serversThatDoNotRunKeepTheirValuesAsWritten() throws Exception {
        String toml = """
                [[mcp.servers]]
                name = "off"
                enabled = false
                command = "npx"
                env = { API_KEY = "${env:NOT_SET}" }
                [[mcp.servers]]
                name = "on"
                command = "npx"
                env = { API_KEY = "${env:SET}" }
                """;

        McpConfig resolved = read(toml).resolveSecrets(resolver(Map.of("SET", "s"))).config();
        McpConfig allOff = read("[mcp]\nenabled = false\n" + toml).resolveSecrets(resolver(Map.of())).config();

        assertThat(resolved.server("off").orElseThrow().env()).containsEntry("API_KEY", "${env:NOT_SET}");
        assertThat(resolved.server("on").orElseThrow().env()).containsEntry("API_KEY", "s");
        assertThat(allOff.server("on").orElseThrow().env()).containsEntry("API_KEY", "${env:SET}");
    }

    @Test
    void aMalformedReferenceIsAnErrorAtItsValue() throws Exception {
        ParsedConfig parsed = read("[[mcp.servers]]\nname = \"fs\"\ncommand = \"npx\"\nenv = { T = \"op://vault-only\" }\n");

        assertThat(errors(() -> parsed.resolveSecrets(resolver(Map.of())))).extracting(ConfigError::toString).containsExactly(
                "config.toml:4:13: env.T of server 'fs': not a valid 1Password reference; write"
                        + " op://vault-name/item-name/field-name");
    }

    private interface Resolution {
        void run() throws ConfigException;
    }

    private static List<ConfigError> errors(Resolution resolution) {
        return failure(resolution).errors();
    }

    private static ConfigException failure(Resolution resolution) {
        try {
            resolution.run();
        } catch (ConfigException e) {
            return e;
        }
        return fail("expected the secrets to fail");
    }

    private static String printed(Throwable throwable) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        throwable.printStackTrace(new PrintStream(out, true, StandardCharsets.UTF_8));
        return out.toString(StandardCharsets.UTF_8);
    }
}
