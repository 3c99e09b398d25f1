package dev.zeroclaw.daemon.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zeroclaw.transport.http.McpHttpFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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

    private static String remote(String name, String transport, String url) {
        return "[[mcp.servers]]\nname = \"" + name + "\"\ntransport = \"" + transport + "\"\nurl = \"" + url + "\"\n";
    }

    private Path write(String toml) throws Exception {
        return Files.writeString(dir.resolve("config.toml"), toml);
    }
}
