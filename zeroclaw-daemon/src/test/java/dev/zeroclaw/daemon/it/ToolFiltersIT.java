package dev.zeroclaw.daemon.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14 items 2 and 5 on the real daemon and server-everything: tool filters and the result cap
 * applied by a reload as a live update, as a client sees them.
 */
class ToolFiltersIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void filtersAndCapAppliedByAReloadKeepThePidChangeTheListRefuseFilteredCallsAndCutLargeResults() throws Exception {
        int port = ReferenceServers.freePort();
        Path config = Files.writeString(dir.resolve("config.toml"),
                ReferenceServers.gateway(port) + ReferenceServers.everything("everything", ""));
        try (RunningDaemon daemon = RunningDaemon.start(config, dir, Map.of())) {
            long pid = daemon.awaitReady("everything").get("everything");
            GatewayClient client = new GatewayClient(GatewayClient.endpoint(port), daemon.gatewayToken()).initialize();
            assertThat(toolNames(client)).contains("everything__echo", "everything__get-sum", "everything__get-env");
            String big = "z".repeat(20_000);
            assertThat(echo(client, big).path("result").path("content").get(0).path("text").asText()).isEqualTo("Echo: " + big);

            try (Stream<String> lines = client.openStream().body()) {
                Iterator<String> events = lines.iterator();
                CompletableFuture<JsonNode> listChanged = CompletableFuture.supplyAsync(() -> {
                    try {
                        JsonNode event = GatewayClient.nextEvent(events).orElseThrow();
                        while (!event.path("method").asText().equals("notifications/tools/list_changed")) {
                            event = GatewayClient.nextEvent(events).orElseThrow();
                        }
                        return event;
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });

                Files.writeString(config, ReferenceServers.gateway(port) + ReferenceServers.everything("everything",
                        "excluded_tools = [\"get-*\"]\nmax_result_bytes = 2048\n"));
                Zeroclaw.CliRun reload = Zeroclaw.cli(Duration.ofSeconds(60), "reload", "--json", "--runtime-dir",
                        daemon.runtimeDir().toString());

                assertThat(reload.exitCode()).as(reload.err()).isZero();
                JsonNode report = JSON.readTree(reload.out());
                assertThat(report.path("restarted")).isEmpty();
                assertThat(report.path("updated").toString())
                        .isEqualTo("[{\"name\":\"everything\",\"fields\":[\"excluded_tools\",\"max_result_bytes\"]}]");
                assertThat(listChanged.get(60, TimeUnit.SECONDS).path("method").asText())
                        .isEqualTo("notifications/tools/list_changed");
            }
            assertThat(daemon.awaitReady("everything").get("everything")).as("the same process serves").isEqualTo(pid);

            List<String> tools = toolNames(client);
            assertThat(tools).contains("everything__echo").noneMatch(name -> name.startsWith("everything__get-"));

            JsonNode refused = client.callTool("everything__get-sum", JSON.createObjectNode().put("a", 1).put("b", 2));
            assertThat(refused.path("error").path("message").asText())
                    .isEqualTo("tool 'get-sum' of server 'everything' is excluded by excluded_tools pattern 'get-*'");

            JsonNode cut = echo(client, big).path("result");
            assertThat(JSON.writeValueAsBytes(cut).length).isLessThanOrEqualTo(2048);
            assertThat(cut.path("content").get(0).path("text").asText()).startsWith("Echo: zzz").hasSizeLessThan(2048);
            assertThat(cut.path("content").get(1).path("text").asText())
                    .startsWith("[zeroclaw: result cut to fit max_result_bytes = 2048 of server 'everything': ")
                    .endsWith(" bytes were dropped]");
            assertThat(client.get("/metrics").body()).contains("zeroclaw_gateway_results_cut_total{server=\"everything\"} 1");
        }
    }

    private static JsonNode echo(GatewayClient client, String message) throws Exception {
        return client.callTool("everything__echo", JSON.createObjectNode().put("message", message));
    }

    private static List<String> toolNames(GatewayClient client) throws Exception {
        List<String> names = new ArrayList<>();
        client.request("tools/list", JSON.createObjectNode()).path("result").path("tools")
                .forEach(tool -> names.add(tool.path("name").asText()));
        return names;
    }
}
