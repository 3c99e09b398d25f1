package dev.zeroclaw.transport.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zeroclaw.api.ConfigError;
import dev.zeroclaw.api.ServerSpec;
import dev.zeroclaw.api.transport.ServerEntry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the remote transports check in a server entry, and that no check quotes a header's value. */
class RemoteEndpointTest {

    private static final String SECRET = "Bearer do-not-print-me";

    @TempDir
    Path dir;

    @Test
    void aWellFormedEntryHasNoProblem() {
        assertThat(RemoteEndpoint.check(remote().putHeader("Authorization", SECRET).build())).isEmpty();
    }

    @Test
    void theUrlMustBeAnHttpOrHttpsUrlAsUpstreamSaysIt() {
        assertThat(RemoteEndpoint.check(ServerSpec.builder("r").transport("http").url("ftp://host/x?token=t0k3n").build()))
                .containsExactly(new SettingProblem("url", "'url' must use http or https; its scheme is 'ftp'"));
        assertThat(RemoteEndpoint.check(ServerSpec.builder("r").transport("http").url("https://exa mple.com/?t=t0k3n").build()))
                .containsExactly(new SettingProblem("url", "'url' is not a valid URL: its host 'exa mple.com' holds a"
                        + " character a host name cannot have (U+0020)"));
        assertThat(RemoteEndpoint.check(ServerSpec.builder("r").transport("http").build()))
                .extracting(SettingProblem::key).containsExactly("url");
        assertThat(RemoteEndpoint.check(ServerSpec.builder("r").transport("http").url("http:// /x?t0k3n").build()))
                .extracting(SettingProblem::message).as("never the url's query, which may hold a token")
                .noneMatch(message -> message.contains("t0k3n"));
    }

    @Test
    void hostsWithUnderscoresPipesInAQueryAndBracesInAPathAreUrlsAsUpstreamReadsThem() {
        for (String url : List.of("http://mcp_server.local:8080/mcp", "https://h.example/mcp?x=a|b",
                "https://h.example/{tenant}/mcp", "http://[::1]:3000/mcp", "http://127.1/mcp")) {
            assertThat(RemoteEndpoint.check(ServerSpec.builder("r").transport("http").url(url).build())).as(url).isEmpty();
        }
    }

    @Test
    void headersTheClientOrTheProtocolSetAndBadValuesAreRefusedNamingTheHeaderOnly() {
        List<SettingProblem> problems = RemoteEndpoint.check(remote()
                .putHeader("Host", SECRET)
                .putHeader("Accept", SECRET)
                .putHeader("X-Token", SECRET + "\r\nInjected: yes")
                .putHeader("Bad Name", SECRET)
                .build());

        assertThat(problems).extracting(SettingProblem::message).containsExactlyInAnyOrder(
                "header 'Host' is set by the HTTP client itself and cannot be configured",
                "header 'Accept' is set by the transport itself (MCP needs its own value); remove it",
                "header 'X-Token' has a value with a character HTTP does not allow (a line break or another control"
                        + " character, or a non-ASCII character)",
                "header name 'Bad Name' is not a valid HTTP header name");
        assertThat(problems).extracting(SettingProblem::message).noneMatch(message -> message.contains("do-not-print-me"));
    }

    @Test
    void theCaFileIsNotReadByTheCheckOnlyWhenTheServerStarts() {
        ServerSpec missing = remote().tlsCaCertPath(dir.resolve("gone.pem").toString()).build();

        assertThat(RemoteEndpoint.check(missing)).as("a missing CA file fails its server, not the configuration").isEmpty();
        assertThatThrownBy(() -> RemoteEndpoint.of(missing)).isInstanceOf(IOException.class)
                .hasMessage("tls_ca_cert_path " + dir.resolve("gone.pem") + " does not exist");
    }

    @Test
    void aCaFileThatFailsItsServerAndAnHttpsHostTheJdkCannotVerifyAreWarnedOfAtTheirKeys() throws IOException {
        Path garbage = Files.writeString(dir.resolve("ca.pem"), "not a certificate");
        Entry entry = new Entry(ServerSpec.builder("r").transport("http").url("https://mcp_server.local/mcp")
                .tlsCaCertPath(garbage.toString()).putHeader("Authorization", SECRET).build());

        assertThat(RemoteEndpoint.warnings(entry)).extracting(ConfigError::message).containsExactly(
                "url: zeroclaw cannot check a TLS certificate for the host 'mcp_server.local' (the JDK takes letters,"
                        + " digits and '-' in a host name; an '_' is common in container names): name the server by"
                        + " another name (a DNS or network alias), or use http:// inside a private network;"
                        + " this server fails when it starts",
                "tls_ca_cert_path: tls_ca_cert_path " + garbage + " holds no PEM certificate (-----BEGIN CERTIFICATE-----);"
                        + " this server fails when it starts until the file is fixed");
        assertThat(RemoteEndpoint.warnings(new Entry(remote().build()))).isEmpty();
        assertThat(RemoteEndpoint.warnings(new Entry(ServerSpec.builder("r").transport("http")
                .url("http://mcp_server.local/mcp").build()))).as("plain http reaches it").isEmpty();
    }

    @Test
    void aHeadersProblemPointsAtTheHeader() {
        assertThat(RemoteEndpoint.check(remote().putHeader("Host", SECRET).build()))
                .extracting(SettingProblem::key).containsExactly("headers.Host");
    }

    @Test
    void theLabelOfAUrlLeavesOutItsUserInfoAndQuery() throws IOException {
        ServerSpec spec = remote().url("https://user:pw@mcp.example.com:8443/mcp?token=x").build();

        assertThat(RemoteEndpoint.of(spec).label()).isEqualTo("https://mcp.example.com:8443/mcp");
    }

    /** An entry whose errors name their key instead of a position. */
    private record Entry(ServerSpec spec) implements ServerEntry {

        @Override
        public ConfigError errorAt(String key, String message) {
            return new ConfigError("config.toml", 1, 1, key + ": " + message);
        }
    }

    private static ServerSpec.Builder remote() {
        return ServerSpec.builder("r").transport("http").url("https://mcp.example.com/mcp");
    }
}
