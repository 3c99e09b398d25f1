package dev.zeroclaw.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zeroclaw.api.ConfigError;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** No message, exception or toString ever shows an {@code env} or {@code headers} value. */
class SecretRedactionTest {

    private static final String SECRET = "S3CR3T-zq9-7f1d";

    @ParameterizedTest
    @ValueSource(strings = {
        // an unknown key next to a secret
        """
        [[mcp.servers]]
        name = "fs"
        command = "npx"
        env = { API_KEY = "S3CR3T-zq9-7f1d" }
        comand = "x"
        """,
        // a wrong type beside a secret in the same table
        """
        [[mcp.servers]]
        name = "fs"
        command = "npx"
        env = { API_KEY = "S3CR3T-zq9-7f1d", PORT = 8080, LIST = ["S3CR3T-zq9-7f1d"] }
        """,
        // (headers on a stdio server, env on a remote one: their providers' rules, tested with them)
        // a duplicate name, both entries holding the secret
        """
        [[mcp.servers]]
        name = "fs"
        command = "npx"
        env = { API_KEY = "S3CR3T-zq9-7f1d" }
        [[mcp.servers]]
        name = "FS"
        command = "npx"
        env = { API_KEY = "S3CR3T-zq9-7f1d" }
        """,
        // a secret the user forgot to quote: a syntax error at the secret itself
        """
        [[mcp.servers]]
        name = "r"
        transport = "http"
        url = "https://mcp.example.com/mcp"
        headers = { Authorization = "Bearer" S3CR3T-zq9-7f1d }
        """,
        """
        [[mcp.servers]]
        name = "fs"
        command = "npx"
        [mcp.servers.env]
        API_KEY = S3CR3T-zq9-7f1d
        """,
        """
        [[mcp.servers]]
        name = "fs"
        command = "npx"
        [mcp.servers.env]
        API_KEY = "S3CR3T-zq9-7f1d" S3CR3T-zq9-7f1d
        """,
        // a key defined twice
        """
        [[mcp.servers]]
        name = "fs"
        command = "npx"
        env = { API_KEY = "S3CR3T-zq9-7f1d", API_KEY = "S3CR3T-zq9-7f1d" }
        """,
        // a control character inside the secret
        "[[mcp.servers]]\nname = \"fs\"\ncommand = \"npx\"\nenv = { API_KEY = \"S3CR3T-zq9-7f1d\u0007\" }\n",
        // an unterminated secret
        "[[mcp.servers]]\nname = \"fs\"\ncommand = \"npx\"\nenv = { API_KEY = \"S3CR3T-zq9-7f1d }\n",
    })
    void secretNeverAppearsInErrors(String toml) {
        ConfigException rejection = ConfigFixture.rejection(new ConfigParser(), toml);

        assertThat(toml).contains(SECRET);
        assertThat(rejection.errors()).isNotEmpty();
        assertThat(rejection.getMessage()).doesNotContain(SECRET);
        assertThat(rejection.toString()).doesNotContain(SECRET);
        assertThat(printedStackTrace(rejection)).doesNotContain(SECRET);
        for (ConfigError error : rejection.errors()) {
            assertThat(error.message()).doesNotContain(SECRET);
            assertThat(error.toString()).doesNotContain(SECRET);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"env", "headers"})
    void secretNeverAppearsInInvalidUtf8Errors(String table) {
        byte[] before = ("[[mcp.servers]]\nname = \"r\"\ntransport = \"http\"\nurl = \"https://x.example\"\n"
                + table + " = { K = \"" + SECRET).getBytes(StandardCharsets.UTF_8);
        byte[] after = "\" }\n".getBytes(StandardCharsets.UTF_8);
        byte[] content = new byte[before.length + 1 + after.length];
        System.arraycopy(before, 0, content, 0, before.length);
        content[before.length] = (byte) 0xC3;
        System.arraycopy(after, 0, content, before.length + 1, after.length);

        try {
            new ConfigParser().parse("config.toml", content);
        } catch (ConfigException e) {
            assertThat(e.getMessage()).startsWith("config.toml:5:").doesNotContain(SECRET);
            return;
        }
        throw new AssertionError("invalid UTF-8 was accepted");
    }

    @Test
    void parsedConfigPrintsSecretKeysOnly() {
        String printed = ConfigFixture.parse("""
                [[mcp.servers]]
                name = "fs"
                command = "npx"
                env = { API_KEY = "S3CR3T-zq9-7f1d" }
                [[mcp.servers]]
                name = "r"
                transport = "http"
                url = "https://mcp.example.com/mcp"
                headers = { Authorization = "Bearer S3CR3T-zq9-7f1d" }
                """).toString();

        assertThat(printed).contains("API_KEY", "Authorization").doesNotContain(SECRET);
    }

    private static String printedStackTrace(Throwable throwable) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8)) {
            throwable.printStackTrace(print);
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
