package dev.zeroclaw.daemon.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The gateway's behaviour around reloads, its auth rule and its health and metrics endpoints, on the real daemon. */
class GatewayIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void callInFlightFinishesOnTheOldInstanceWhileANewOneTakesOver() throws Exception {
        int port = ReferenceServers.freePort();
        Path config = Files.writeString(dir.resolve("config.toml"), ReferenceServers.gateway(port)
                + ReferenceServers.everything("everything", "env = { GENERATION = \"gen-value-one\" }\n"));
        try (RunningDaemon daemon = RunningDaemon.start(config, dir, Map.of())) {
            long before = daemon.awaitReady("everything").get("everything");
            GatewayClient client = new GatewayClient(GatewayClient.endpoint(port), daemon.gatewayToken()).initialize();
            CountDownLatch running = new CountDownLatch(1);
            CompletableFuture<JsonNode> slow = CompletableFuture.supplyAsync(() -> {
                try {
                    return client.callToolWithProgress("everything__trigger-long-running-operation",
                            JSON.createObjectNode().put("duration", 6).put("steps", 6), progress -> running.countDown());
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            assertThat(running.await(60, TimeUnit.SECONDS)).as("the slow call reported progress").isTrue();

            Files.writeString(config, ReferenceServers.gateway(port)
                    + ReferenceServers.everything("everything", "env = { GENERATION = \"gen-value-two\" }\n"));
            Zeroclaw.CliRun reload = Zeroclaw.cli(Duration.ofSeconds(60), "reload", "--json", "--runtime-dir",
                    daemon.runtimeDir().toString());
            assertThat(reload.exitCode()).as(reload.err()).isZero();
            assertThat(JSON.readTree(reload.out()).path("restarted").toString()).contains("everything");
            long after = daemon.awaitReady("everything").get("everything");
            assertThat(after).isNotEqualTo(before);

            // A new call goes to the new instance while the old one still finishes the slow call.
            assertThat(client.callTool("everything__echo", JSON.createObjectNode().put("message", "new")).path("result")
                    .path("content").get(0).path("text").asText()).isEqualTo("Echo: new");
            JsonNode answer = slow.get(60, TimeUnit.SECONDS);
            assertThat(answer.has("error")).as(answer.toString()).isFalse();
            assertThat(answer.path("result").path("content").toString()).contains("completed");
            daemon.awaitLog("server=everything new instance serving; draining the old one \\(calls_in_flight=1\\)");
            assertThat(daemon.log()).doesNotContain("gen-value-one").doesNotContain("gen-value-two");
        }
    }

    @Test
    void callsDuringAStopFirstRestartWaitForTheNewInstance() throws Exception {
        int port = ReferenceServers.freePort();
        String stopFirst = "restart_strategy = \"stop-first\"\n";
        Path config = Files.writeString(dir.resolve("config.toml"), ReferenceServers.gateway(port)
                + ReferenceServers.everything("exclusive", stopFirst + "env = { GENERATION = \"1\" }\n"));
        try (RunningDaemon daemon = RunningDaemon.start(config, dir, Map.of())) {
            long before = daemon.awaitReady("exclusive").get("exclusive");
            AtomicBoolean stop = new AtomicBoolean();
            AtomicLong calls = new AtomicLong();
            List<String> failures = Collections.synchronizedList(new ArrayList<>());
            CompletableFuture<Void> caller = CompletableFuture.runAsync(() -> {
                try (LoopbackMcpClient client = new LoopbackMcpClient(port, daemon.gatewayToken())) {
                    while (!stop.get()) {
                        JsonNode answer = client.callTool("exclusive__echo", JSON.createObjectNode().put("message", "m"));
                        calls.incrementAndGet();
                        if (!answer.has("result")) {
                            failures.add(answer.toString());
                        }
                    }
                } catch (Exception e) {
                    failures.add(e.toString());
                }
            });

            Files.writeString(config, ReferenceServers.gateway(port)
                    + ReferenceServers.everything("exclusive", stopFirst + "env = { GENERATION = \"2\" }\n"));
            Zeroclaw.CliRun reload = Zeroclaw.cli(Duration.ofSeconds(60), "reload", "--json", "--runtime-dir",
                    daemon.runtimeDir().toString());
            assertThat(reload.exitCode()).as(reload.err()).isZero();
            long after = daemon.awaitReady("exclusive").get("exclusive");
            long callsAtReady = calls.get();
            while (calls.get() < callsAtReady + 100 && !caller.isDone()) {
                Thread.sleep(10);
            }
            stop.set(true);
            caller.get(60, TimeUnit.SECONDS);

            assertThat(after).isNotEqualTo(before);
            daemon.awaitLog("server=exclusive state=STOPPING");
            assertThat(failures).as("calls that failed during the stop-first restart").isEmpty();
            assertThat(calls.get()).isGreaterThan(callsAtReady);
        }
    }

    @Test
    void callToARemovedServerGetsAnMcpErrorNamingIt() throws Exception {
        int port = ReferenceServers.freePort();
        String keep = ReferenceServers.gateway(port) + ReferenceServers.everything("everything", "");
        Path config = Files.writeString(dir.resolve("config.toml"), keep + ReferenceServers.memory("memory", dir.resolve("m.jsonl")));
        try (RunningDaemon daemon = RunningDaemon.start(config, dir, Map.of())) {
            daemon.awaitReady("everything", "memory");
            GatewayClient client = new GatewayClient(GatewayClient.endpoint(port), daemon.gatewayToken()).initialize();
            assertThat(client.callTool("memory__read_graph", JSON.createObjectNode()).has("result")).isTrue();

            Files.writeString(config, keep);
            assertThat(Zeroclaw.cli(Duration.ofSeconds(60), "reload", "--runtime-dir", daemon.runtimeDir().toString()).exitCode())
                    .isZero();

            JsonNode answer = client.callTool("memory__read_graph", JSON.createObjectNode());
            assertThat(answer.path("error").path("message").asText()).contains("'memory'").contains("removed");
            JsonNode tools = client.request("tools/list", JSON.createObjectNode());
            assertThat(tools.path("result").path("tools").toString()).contains("everything__echo").doesNotContain("memory__");
            JsonNode status = daemon.status();
            assertThat(status.path("gateway").path("sessions").asInt()).isEqualTo(1);
            assertThat(status.path("gateway").path("calls").path("memory").path("calls").asLong()).isEqualTo(1);
        }
    }

    @Test
    void resourcesAndPromptsAreNamespacedAndReadThroughTheGateway() throws Exception {
        int port = ReferenceServers.freePort();
        try (RunningDaemon daemon = startWithEverything(port)) {
            GatewayClient client = new GatewayClient(GatewayClient.endpoint(port), daemon.gatewayToken()).initialize();

            JsonNode resources = client.request("resources/list", JSON.createObjectNode()).path("result").path("resources");
            assertThat(resources.size()).isPositive();
            String uri = resources.get(0).path("uri").asText();
            assertThat(uri).startsWith("zeroclaw://everything/");
            JsonNode read = client.request("resources/read", JSON.createObjectNode().put("uri", uri));
            assertThat(read.path("result").path("contents").get(0).path("uri").asText()).isEqualTo(uri);

            JsonNode prompts = client.request("prompts/list", JSON.createObjectNode()).path("result").path("prompts");
            assertThat(prompts.toString()).contains("everything__simple-prompt");
            JsonNode prompt = client.request("prompts/get", JSON.createObjectNode().put("name", "everything__simple-prompt"));
            assertThat(prompt.path("result").path("messages").size()).isPositive();
        }
    }

    @Test
    void healthAndMetrics() throws Exception {
        int port = ReferenceServers.freePort();
        try (RunningDaemon daemon = startWithEverything(port)) {
            GatewayClient client = new GatewayClient(GatewayClient.endpoint(port), daemon.gatewayToken()).initialize();
            client.callTool("everything__echo", JSON.createObjectNode().put("message", "m"));
            client.callTool("everything__no-such-tool", JSON.createObjectNode());

            awaitHealthy(client);
            HttpResponse<String> metrics = client.get("/metrics");
            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain; version=0.0.4");
            assertThat(metrics.body())
                    .contains("zeroclaw_server_state{server=\"everything\",state=\"READY\"} 1")
                    .contains("zeroclaw_gateway_calls_total{server=\"everything\"} 2")
                    .contains("zeroclaw_gateway_call_duration_seconds_count{server=\"everything\"} 2")
                    .contains("zeroclaw_reloads_total{result=\"applied\"} 0")
                    .contains("zeroclaw_gateway_sessions 1");
        }
    }

    @Test
    void nonLoopbackAddressIsRefusedWithoutAToken() throws Exception {
        int port = ReferenceServers.freePort();
        Path config = Files.writeString(dir.resolve("config.toml"), "[mcp.gateway]\nlisten = \"0.0.0.0:" + port + "\"\n");
        try (RunningDaemon daemon = RunningDaemon.start(config, dir, Map.of())) {
            assertThat(daemon.awaitExit(RunningDaemon.DEADLINE)).isTrue();
            assertThat(daemon.exitValue()).isEqualTo(1);
            assertThat(daemon.log()).contains("not a loopback address").contains("auth_token_env");
        }
    }

    @Test
    void everyRequestMustCarryTheBearerTokenWhenOneIsConfigured() throws Exception {
        int port = ReferenceServers.freePort();
        String token = "tok-" + Long.toHexString(System.nanoTime()) + "-secret";
        Path config = Files.writeString(dir.resolve("config.toml"), "[mcp.gateway]\nlisten = \"0.0.0.0:" + port
                + "\"\nauth_token_env = \"ZC_IT_TOKEN\"\n" + ReferenceServers.everything("everything", ""));
        try (RunningDaemon daemon = RunningDaemon.start(config, dir, Map.of("ZC_IT_TOKEN", token))) {
            daemon.awaitReady("everything");
            GatewayClient anonymous = new GatewayClient(GatewayClient.endpoint(port), Optional.empty());
            assertThat(anonymous.get("/healthz").statusCode()).isEqualTo(401);
            assertThat(anonymous.post(JSON.createObjectNode().put("jsonrpc", "2.0").put("id", 1).put("method", "initialize"))
                    .statusCode()).isEqualTo(401);
            GatewayClient wrong = new GatewayClient(GatewayClient.endpoint(port), Optional.of(token + "x"));
            assertThat(wrong.get("/healthz").statusCode()).isEqualTo(401);

            GatewayClient client = new GatewayClient(GatewayClient.endpoint(port), Optional.of(token)).initialize();
            assertThat(client.callTool("everything__echo", JSON.createObjectNode().put("message", "ok")).has("result")).isTrue();
            assertThat(daemon.log()).doesNotContain(token);
            assertThat(daemon.status().toString()).doesNotContain(token).contains("\"auth\":\"bearer\"");
        }
    }

    private RunningDaemon startWithEverything(int port) throws Exception {
        Path config = Files.writeString(dir.resolve("config.toml"), ReferenceServers.gateway(port)
                + ReferenceServers.everything("everything", ""));
        RunningDaemon daemon = RunningDaemon.start(config, dir, Map.of());
        daemon.awaitReady("everything");
        return daemon;
    }

    private static void awaitHealthy(GatewayClient client) throws Exception {
        long end = System.nanoTime() + RunningDaemon.DEADLINE.toNanos();
        while (client.get("/healthz").statusCode() != 200) {
            assertThat(System.nanoTime()).as("/healthz became ready").isLessThan(end);
            Thread.sleep(50);
        }
    }
}
