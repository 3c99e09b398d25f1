package dev.zeroclaw.daemon.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One server that misbehaves on its pipes must cost the daemon nothing but that server. */
class StuckServerIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path FIXTURE = Zeroclaw.ROOT.resolve("zeroclaw-daemon/src/test/resources/fixtures/stdin-fixture.js");

    @TempDir
    Path dir;

    /**
     * The reproduction: a server answers initialize and tools/list, writes 5,000 ping
     * requests, then sleeps without reading its stdin; pings every 2 s. The daemon's answers fill
     * the pipe; before the fix the write blocked the shared timer thread for good.
     */
    @Test
    void aServerThatStopsReadingItsStdinDoesNotHoldUpTheDaemonOrItsOtherServers() throws Exception {
        int port = ReferenceServers.freePort();
        Path config = Files.writeString(dir.resolve("config.toml"), ReferenceServers.gateway(port) + """
                [mcp]
                ping_interval_secs = 2

                %s
                tool_timeout_secs = 5
                %s
                tool_timeout_secs = 5
                """.formatted(server("stuck", "stop-reading"), server("healthy", "count-pings")));
        try (RunningDaemon daemon = RunningDaemon.start(config, dir, Map.of())) {
            daemon.awaitReady("stuck", "healthy");
            GatewayClient client = new GatewayClient(GatewayClient.endpoint(port), daemon.gatewayToken()).initialize();
            int pingsBefore = pings(client);

            long start = System.nanoTime();
            JsonNode stuckCall = client.callTool("stuck__pings", JSON.createObjectNode());
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertThat(stuckCall.path("error").path("message").asText())
                    .as("a call to the stuck server fails with an MCP error: " + stuckCall).contains("stuck");
            assertThat(took).as("the call fails within about tool_timeout_secs = 5").isLessThan(Duration.ofSeconds(20));

            Zeroclaw.CliRun status = Zeroclaw.cli(Duration.ofSeconds(30), "status", "--runtime-dir", daemon.runtimeDir().toString());
            assertThat(status.exitCode()).as("zeroclaw status answers: " + status.err() + "\n" + daemon.log()).isZero();

            daemon.awaitStatus("the healthy server still pinged and answering through the gateway", s -> {
                try {
                    return pings(client) >= pingsBefore + 2;
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            });
            JsonNode restarted = daemon.server(daemon.awaitStatus("stuck restarted after missed pings", s ->
                    daemon.server(s, "stuck").path("restarts").asInt() >= 1), "stuck");
            assertThat(restarted.path("restarts").asInt()).isPositive();
            assertThat(daemon.log()).contains("server=stuck state=BACKOFF was=READY").contains("missed a ping");
            assertThat(daemon.server(daemon.status(), "healthy").path("state").asText()).isEqualTo("READY");
            assertThat(daemon.stop().exitCode()).isZero();
        }
    }

    /** Issue item 10: 20,000 bad stdout lines were 20,000 log lines; now 100 per 10 s, and lines that count the rest. */
    @Test
    void aServerThatFloodsBadOutputIsLoggedAtALimitedRateWithTheSuppressedLinesCounted() throws Exception {
        Path config = Files.writeString(dir.resolve("config.toml"), ReferenceServers.gateway(ReferenceServers.freePort())
                + "[mcp]\nping_interval_secs = 1\n\n" + server("noisy", "garbage"));
        long start = System.nanoTime();
        try (RunningDaemon daemon = RunningDaemon.start(config, dir, Map.of())) {
            daemon.awaitReady("noisy");
            // Each line let through during the flood first reports how many were left out since the last.
            daemon.awaitStatus("most of the flood counted as suppressed", status -> suppressed(daemon.log()) >= 15_000);
            assertThat(daemon.stop().exitCode()).isZero();
            long seconds = Duration.ofNanos(System.nanoTime() - start).toSeconds() + 1;

            String log = daemon.log();
            long logged = Pattern.compile("\\[noisy\\] ").matcher(log).results().count();
            assertThat(logged).as("lines about noisy's output in " + seconds + " s: a burst of 100, then 10 a second")
                    .isBetween(1L, 100 + 10 * seconds + 10);
            assertThat(log).contains("(more than 100 per 10 s)");
        }
    }

    private static long suppressed(String log) {
        Matcher report = Pattern.compile("server=noisy suppressed (\\d+) lines of its output").matcher(log);
        long total = 0;
        while (report.find()) {
            total += Long.parseLong(report.group(1));
        }
        return total;
    }

    private static int pings(GatewayClient client) throws Exception {
        JsonNode answer = client.callTool("healthy__pings", JSON.createObjectNode());
        return Integer.parseInt(answer.path("result").path("content").path(0).path("text").asText());
    }

    private static String server(String name, String mode) {
        return "[[mcp.servers]]\nname = \"" + name + "\"\ncommand = \"node\"\nargs = "
                + Zeroclaw.toml(List.of(FIXTURE.toString(), "--mode", mode)) + "\n";
    }
}
