package dev.zeroclaw.transport.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zeroclaw.api.ServerSpec;
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
    void theUrlMustBeHttpOrHttpsWithAHost() {
        assertThat(RemoteEndpoint.check(ServerSpec.builder("r").transport("http").url("ftp://host/x").build()))
                .containsExactly(new SettingProblem("url", "'url' must be an http:// or https:// URL with a host"));
        assertThat(RemoteEndpoint.check(ServerSpec.builder("r").transport("http").build()))
                .extracting(SettingProblem::key).containsExactly("url");
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
    void theCaFileMustHoldACertificate() throws IOException {
        Path garbage = Files.writeString(dir.resolve("ca.pem"), "not a certificate");

        assertThat(RemoteEndpoint.check(remote().tlsCaCertPath(garbage.toString()).build())).containsExactly(
                new SettingProblem("tls_ca_cert_path", "tls_ca_cert_path " + garbage + " holds no readable certificate (PEM expected)"));
        assertThat(RemoteEndpoint.check(remote().tlsCaCertPath(dir.resolve("gone.pem").toString()).build()))
                .extracting(SettingProblem::message).containsExactly("tls_ca_cert_path " + dir.resolve("gone.pem") + " does not exist");
    }

    @Test
    void theSettingsOfAStdioServerAreRefusedWhenTheyHoldSomethingNamingTheKeyButNoEnvValue() {
        ServerSpec filled = remote().command("node").args(List.of("server.js")).putEnv("TOKEN", SECRET).cwd("/srv").build();
        ServerSpec empty = remote().command("").args(List.of()).env(java.util.Map.of()).build();

        assertThat(RemoteEndpoint.check(filled)).extracting(SettingProblem::key).containsExactly("command", "args", "env", "cwd");
        assertThat(RemoteEndpoint.check(filled)).first().isEqualTo(new SettingProblem("command",
                "'command' is only used by the stdio transport; a remote server is reached at its url: remove it or leave it empty"));
        assertThat(RemoteEndpoint.check(filled)).extracting(SettingProblem::message).noneMatch(m -> m.contains("do-not-print-me"));
        assertThat(RemoteEndpoint.check(empty)).isEmpty();
    }

    @Test
    void aHeadersProblemPointsAtTheHeader() {
        assertThat(RemoteEndpoint.check(remote().putHeader("Host", SECRET).build()))
                .extracting(SettingProblem::key).containsExactly("headers.Host");
    }

    @Test
    void theLabelOfAUrlLeavesOutItsUserInfoAndQuery() {
        assertThat(RemoteEndpoint.label(java.net.URI.create("https://user:pw@mcp.example.com:8443/mcp?token=x")))
                .isEqualTo("https://mcp.example.com:8443/mcp");
    }

    private static ServerSpec.Builder remote() {
        return ServerSpec.builder("r").transport("http").url("https://mcp.example.com/mcp");
    }
}
