package dev.zeroclaw.daemon.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zeroclaw.transport.http.McpHttpFixture;
import dev.zeroclaw.transport.http.SelfSignedCertificate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The http and sse transports against real servers on 127.0.0.1, through the real daemon. */
class RemoteTransportsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SECRET = "hdr-s3cr3t-7f2c9a";

    @TempDir
    Path dir;

    @Test
    void serverEverythingOverStreamableHttpIsReadyWithItsToolsAndItsSessionIsDeletedAtStop() throws Exception {
        try (EverythingServer everything = EverythingServer.start("streamableHttp", dir.resolve("everything.log"))) {
            Path config = write(remote("everything", "http", everything.url()));
            try (RunningDaemon daemon = RunningDaemon.start(config, dir, Map.of())) {
                JsonNode server = daemon.awaitState("everything", "READY");

                assertThat(server.path("transport").asText()).isEqualTo("http");
                assertThat(server.path("tools").asInt()).isEqualTo(EverythingServer.TOOLS);
                assertThat(server.path("pid").isNull()).as("a remote server is no process of the daemon's").isTrue();
                assertThat(daemon.stop().exitCode()).isZero();
                assertThat(Files.readString(dir.resolve("everything.log")))
                        .as("close ends the session with DELETE").contains("Received session termination request for session");
            }
        }
    }

    @Test
    void serverEverythingOverLegacySseIsReadyWithItsTools() throws Exception {
        try (EverythingServer everything = EverythingServer.start("sse", dir.resolve("everything.log"))) {
            Path config = write(remote("everything", "sse", everything.url()));
            try (RunningDaemon daemon = RunningDaemon.start(config, dir, Map.of())) {
                JsonNode server = daemon.awaitState("everything", "READY");

                assertThat(server.path("transport").asText()).isEqualTo("sse");
                assertThat(server.path("tools").asInt()).isEqualTo(EverythingServer.TOOLS);
                assertThat(daemon.stop().exitCode()).isZero();
            }
        }
    }

    @Test
    void aConfiguredHeaderArrivesAtTheServerWithEveryRequestAndNeverInALogOrStatus() throws Exception {
        try (McpHttpFixture fixture = McpHttpFixture.start(McpHttpFixture.Mode.STREAMABLE_JSON, 4)) {
            Path config = write(remote("fixture", "http", fixture.url().toString())
                    + "[mcp.servers.headers]\nX-Api-Key = \"" + SECRET + "\"\n");
            try (RunningDaemon daemon = RunningDaemon.start(config, dir, Map.of())) {
                assertThat(daemon.awaitState("fixture", "READY").path("tools").asInt()).isEqualTo(4);
                Zeroclaw.CliRun status = Zeroclaw.cli(Duration.ofSeconds(30), "status", "--json", "--runtime-dir",
                        daemon.runtimeDir().toString());
                assertThat(daemon.stop().exitCode()).isZero();

                assertThat(fixture.requests()).extracting(McpHttpFixture.Recorded::method).contains("POST", "GET", "DELETE");
                assertThat(fixture.requests()).allSatisfy(request ->
                        assertThat(request.header("X-Api-Key")).as(request.method() + " " + request.path()).contains(SECRET));
                assertThat(daemon.log() + status.out() + status.err()).contains("server=fixture state=READY")
                        .doesNotContain(SECRET);
            }
        }
    }

    @Test
    void aRemoteServerThatGoesAwayIsRetriedWithBackoffAndIsReadyAgainWhenItReturns() throws Exception {
        try (EverythingServer everything = EverythingServer.start("streamableHttp", dir.resolve("everything.log"))) {
            Path config = write(remote("everything", "http", everything.url()));
            try (RunningDaemon daemon = RunningDaemon.start(config, dir, Map.of())) {
                daemon.awaitState("everything", "READY");

                everything.stop();
                JsonNode down = daemon.awaitState("everything", "BACKOFF");
                everything.restart();
                JsonNode back = daemon.awaitState("everything", "READY");

                assertThat(down.path("last_error").asText()).contains("cannot reach " + everything.url() + ": connection refused");
                assertThat(back.path("restarts").asInt()).isPositive();
                assertThat(back.path("tools").asInt()).isEqualTo(EverythingServer.TOOLS);
                assertThat(back.path("last_error").isNull()).isTrue();
                assertThat(daemon.log()).contains("server=everything state=BACKOFF");
            }
        }
    }

    @Test
    void aServerWhoseTransportChangesFromStdioToHttpIsRestartedThroughTheNewProvider() throws Exception {
        String stdio = "[[mcp.servers]]\nname = \"everything\"\ncommand = \"" + EverythingServer.BIN + "\"\nargs = [\"stdio\"]\n";
        Path config = write(stdio);
        try (EverythingServer everything = EverythingServer.start("streamableHttp", dir.resolve("everything.log"));
                RunningDaemon daemon = RunningDaemon.start(config, dir, Map.of())) {
            JsonNode before = daemon.awaitState("everything", "READY");
            assertThat(before.path("transport").asText()).isEqualTo("stdio");
            Files.writeString(config, remote("everything", "http", everything.url()));

            Zeroclaw.CliRun reload = Zeroclaw.cli(Duration.ofSeconds(60), "reload", "--json", "--runtime-dir",
                    daemon.runtimeDir().toString());

            assertThat(reload.exitCode()).as(reload.out() + reload.err()).isZero();
            JsonNode restarted = JSON.readTree(reload.out()).path("restarted");
            assertThat(restarted).hasSize(1);
            assertThat(restarted.get(0).path("name").asText()).isEqualTo("everything");
            assertThat(restarted.get(0).path("fields")).extracting(JsonNode::asText).contains("transport", "url", "command");
            JsonNode after = daemon.server(daemon.status(), "everything");
            assertThat(after.path("state").asText()).isEqualTo("READY");
            assertThat(after.path("transport").asText()).isEqualTo("http");
            assertThat(after.path("tools").asInt()).isEqualTo(EverythingServer.TOOLS);
            long stdioPid = before.path("pid").asLong();
            daemon.awaitStatus("the stdio instance stopped", status -> !ProcessTable.alive(stdioPid));
        }
    }

    @Test
    void serversNamedWithAnUnderscoreAreReachedOverHttpAndSseWithTheirNameInTheHostHeader() throws Exception {
        // As a docker-compose service name resolves in a container: here through a hosts file the
        // daemon's JVM resolves with (it never asks DNS then).
        Path hosts = Files.writeString(dir.resolve("hosts"), "127.0.0.1 localhost\n127.0.0.1 mcp_server.local\n");
        try (McpHttpFixture fixture = McpHttpFixture.start(McpHttpFixture.Mode.STREAMABLE_JSON, 3);
                EverythingServer everything = EverythingServer.start("sse", dir.resolve("everything.log"))) {
            String httpUrl = fixture.url().toString().replace("127.0.0.1", "mcp_server.local") + "?tenant=a|b";
            String sseUrl = everything.url().replace("127.0.0.1", "mcp_server.local");
            Path config = write(remote("fixture", "http", httpUrl) + remote("everything", "sse", sseUrl));
            try (RunningDaemon daemon = RunningDaemon.start(config, dir, Map.of(), List.of(),
                    List.of("-Djdk.net.hosts.file=" + hosts))) {
                daemon.awaitReady("fixture", "everything");
                JsonNode status = daemon.status();

                assertThat(daemon.server(status, "fixture").path("tools").asInt()).isEqualTo(3);
                assertThat(daemon.server(status, "everything").path("tools").asInt()).isEqualTo(EverythingServer.TOOLS);
                assertThat(fixture.requests()).isNotEmpty().allSatisfy(request -> {
                    assertThat(request.header("Host")).contains("mcp_server.local:" + fixture.url().getPort());
                    assertThat(request.path()).isEqualTo("/mcp?tenant=a%7Cb");
                });
                assertThat(daemon.stop().exitCode()).isZero();
            }
        }
    }

    @Test
    void aMissingCaFileFailsItsServerOnlyAndIsReadAgainAtTheNextAttempt() throws Exception {
        SelfSignedCertificate certificate = SelfSignedCertificate.create(dir);
        Path ca = dir.resolve("internal-ca.pem");
        try (McpHttpFixture plain = McpHttpFixture.start(McpHttpFixture.Mode.STREAMABLE_JSON, 2);
                McpHttpFixture tls = McpHttpFixture.startTls(McpHttpFixture.Mode.STREAMABLE_JSON, 1, certificate.serverContext())) {
            Path config = write(remote("plain", "http", plain.url().toString())
                    + remote("tls", "http", tls.url().toString()) + "tls_ca_cert_path = \"" + ca + "\"\n");

            Zeroclaw.CliRun check = Zeroclaw.cli(Duration.ofSeconds(60), "config", "check", "--config", config.toString());
            assertThat(check.exitCode()).as("the file is valid: " + check.out() + check.err()).isZero();
            assertThat(check.err()).contains(config + ":9:20: warning: tls_ca_cert_path " + ca + " does not exist;"
                    + " this server fails when it starts until the file is fixed");

            try (RunningDaemon daemon = RunningDaemon.start(config, dir, Map.of())) {
                daemon.awaitState("plain", "READY");
                JsonNode failing = daemon.server(daemon.awaitStatus("tls has failed to start",
                        status -> !daemon.server(status, "tls").path("last_error").isNull()), "tls");
                Zeroclaw.CliRun status = Zeroclaw.cli(Duration.ofSeconds(30), "status", "--runtime-dir",
                        daemon.runtimeDir().toString());

                assertThat(failing.path("state").asText()).as("retried, as any remote server that cannot be reached")
                        .isIn("BACKOFF", "STARTING");
                assertThat(failing.path("last_error").asText())
                        .isEqualTo("could not start: tls_ca_cert_path " + ca + " does not exist");
                assertThat(status.out()).contains("tls_ca_cert_path " + ca + " does not exist");
                assertThat(daemon.server(daemon.status(), "plain").path("state").asText()).isEqualTo("READY");
                assertThat(tls.requests()).as("nothing is sent without the CA").isEmpty();

                Files.copy(certificate.pem(), ca);

                JsonNode ready = daemon.awaitState("tls", "READY");
                assertThat(ready.path("tools").asInt()).isEqualTo(1);
                assertThat(ready.path("last_error").isNull()).isTrue();
            }
        }
    }

    private static String remote(String name, String transport, String url) {
        return "[[mcp.servers]]\nname = \"" + name + "\"\ntransport = \"" + transport + "\"\nurl = \"" + url + "\"\n";
    }

    private Path write(String toml) throws Exception {
        return Files.writeString(dir.resolve("config.toml"), toml);
    }
}
