package dev.zeroclaw.daemon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code oauth_*} keys as a user sees them in {@code diff} (the reload plan's document) and {@code config check}:
 * a change of {@code url}, {@code oauth_client_id} or {@code oauth_scopes} restarts the server and is named by its
 * key; {@code oauth_client_secret} is named, never shown, in text or JSON.
 */
class OAuthKeysCommandTest {

    private static final String SECRET = "cs-do-not-print-4711";
    private static final String ROTATED = "cs-rotated-do-not-print-0815";

    @TempDir
    Path dir;

    private static String config(String url, String clientId, String secret, String scopes) {
        return """
                [[mcp.servers]]
                name = "remote"
                transport = "http"
                url = "%s"
                oauth_client_id = "%s"
                oauth_client_secret = "%s"
                oauth_scopes = [%s]

                [[mcp.servers]]
                name = "m2m"
                transport = "http"
                url = "https://m2m.example.invalid/mcp"
                oauth_client_id = "m2m-client"
                oauth_client_secret = "%s"
                oauth_grant = "client_credentials"
                """.formatted(url, clientId, secret, scopes, secret);
    }

    @Test
    void aChangedUrlClientIdAndScopesRestartTheServerByKeyAndNoSecretIsShown() throws Exception {
        Path before = write("a.toml", config("https://mcp.example.invalid/mcp", "zeroclaw-a", SECRET, "\"mcp:read\""));
        Path after = write("b.toml", config("https://mcp.example.invalid/v2/mcp", "zeroclaw-b", ROTATED,
                "\"mcp:read\", \"mcp:write\""));

        CommandLineRun human = CommandLineRun.of("diff", before.toString(), after.toString());
        CommandLineRun json = CommandLineRun.of("diff", "--json", before.toString(), after.toString());

        assertThat(human.exitCode()).as(human.all()).isEqualTo(1);
        assertThat(human.out()).contains("~ remote (restart: url, oauth_client_id, oauth_client_secret, oauth_scopes)")
                .contains("~ m2m (restart: oauth_client_secret)");
        JsonNode document = new ObjectMapper().readTree(json.out());
        assertThat(document.get("restarted").toString()).isEqualTo("[{\"name\":\"remote\",\"fields\":[\"url\",\"oauth_client_id\",\"oauth_client_secret\",\"oauth_scopes\"]},"
                + "{\"name\":\"m2m\",\"fields\":[\"oauth_client_secret\"]}]");
        assertThat(human.all() + json.all()).doesNotContain(SECRET).doesNotContain(ROTATED);
    }

    @Test
    void configCheckNamesTheServersButNeverTheClientSecret() throws Exception {
        Path config = write("config.toml", config("https://mcp.example.invalid/mcp", "zeroclaw-a", SECRET, "\"mcp:read\""));

        CommandLineRun human = CommandLineRun.of("config", "check", "--config", config.toString());
        CommandLineRun json = CommandLineRun.of("config", "check", "--json", "--config", config.toString());

        assertThat(human.exitCode()).as(human.all()).isZero();
        assertThat(json.exitCode()).as(json.all()).isZero();
        JsonNode document = new ObjectMapper().readTree(json.out());
        assertThat(document.path("servers")).hasSize(2);
        assertThat(human.all() + json.all()).contains("remote").contains("m2m").doesNotContain(SECRET);
    }

    private Path write(String name, String toml) throws Exception {
        return Files.writeString(dir.resolve(name), toml);
    }
}
