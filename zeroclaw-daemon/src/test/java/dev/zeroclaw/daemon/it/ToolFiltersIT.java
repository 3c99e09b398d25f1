package dev.zeroclaw.daemon.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14 items 2 and 5 on the real daemon and server-everything, as the official TypeScript client
 * sees them: tool filters and the result cap applied by a reload as a live update.
 */
class ToolFiltersIT {

    @TempDir
    Path dir;

    @Test
    void filtersAndCapAppliedByAReloadKeepThePidChangeTheListRefuseFilteredCallsAndCutLargeResults() throws Exception {
        int port = ReferenceServers.freePort();
        Path config = Files.writeString(dir.resolve("config.toml"),
                ReferenceServers.gateway(port) + ReferenceServers.everything("everything", ""));
        Path next = Files.writeString(dir.resolve("next.toml"), ReferenceServers.gateway(port)
                + ReferenceServers.everything("everything", "excluded_tools = [\"get-*\"]\nmax_result_bytes = 2048\n"));
        String big = "z".repeat(20_000);
        try (RunningDaemon daemon = RunningDaemon.start(config, dir, Map.of())) {
            long pid = daemon.awaitReady("everything").get("everything");

            JsonNode summary = NodeScript.runConnected("gateway/filters-client.mjs", Map.of(
                    "ZC_URL", GatewayClient.endpoint(port).toString(),
                    "ZC_CONFIG", config.toString(),
                    "ZC_NEXT_CONFIG", next.toString(),
                    "ZC_MESSAGE", big), dir, daemon);

            assertThat(summary.path("toolsBefore").toString())
                    .contains("everything__echo", "everything__get-sum", "everything__get-env");
            assertThat(summary.path("echoBefore").path("texts").get(0).asText()).isEqualTo("Echo: " + big);

            assertThat(summary.path("reload").path("restarted")).isEmpty();
            assertThat(summary.path("reload").path("updated").toString())
                    .isEqualTo("[{\"name\":\"everything\",\"fields\":[\"excluded_tools\",\"max_result_bytes\"]}]");
            assertThat(daemon.awaitReady("everything").get("everything")).as("the same process serves").isEqualTo(pid);

            assertThat(summary.path("toolsAfter").toString()).contains("everything__echo").doesNotContain("everything__get-");
            assertThat(summary.path("filtered").path("error").asText())
                    .contains("tool 'get-sum' of server 'everything' is excluded by excluded_tools pattern 'get-*'");

            JsonNode cut = summary.path("echoAfter");
            assertThat(cut.path("bytes").asInt()).isLessThanOrEqualTo(2048);
            assertThat(cut.path("texts").get(0).asText()).startsWith("Echo: zzz").hasSizeLessThan(2048);
            assertThat(cut.path("texts").get(1).asText())
                    .startsWith("[zeroclaw: result cut to fit max_result_bytes = 2048 of server 'everything': ")
                    .endsWith(" bytes were dropped]");
            GatewayClient metrics = new GatewayClient(GatewayClient.endpoint(port), daemon.gatewayToken());
            assertThat(metrics.get("/metrics").body()).contains("zeroclaw_gateway_results_cut_total{server=\"everything\"} 1");
        }
    }
}
