package dev.zeroclaw.daemon.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the gateway promises at its edges, on the real daemon with the fixture server: lists come
 * in pages of 100 with a cursor, a call is bounded by the server's {@code tool_timeout_secs}, and
 * {@code zeroclaw connect} carries a stdio client across a restart of the daemon.
 */
class GatewayLimitsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The fixture's relay tools, listed after its numbered ones. */
    private static final int RELAY_TOOLS = 4;

    @TempDir
    Path dir;

    private Path config(int port, int tools) throws Exception {
        return Files.writeString(dir.resolve("config.toml"), ReferenceServers.gateway(port)
                + "[[mcp.servers]]\nname = \"many\"\ntool_timeout_secs = 1\ncommand = \"node\"\nargs = "
                + Zeroclaw.toml(List.of(Zeroclaw.FIXTURE.toString(), "--tools", Integer.toString(tools), "--relay")) + "\n");
    }

    @Test
    void listsComeInPagesAndACallIsBoundedByTheToolTimeout() throws Exception {
        int port = ReferenceServers.freePort();
        try (RunningDaemon daemon = RunningDaemon.start(config(port, 150), dir, Map.of())) {
            daemon.awaitReady("many");
            GatewayClient client = new GatewayClient(GatewayClient.endpoint(port), daemon.gatewayToken()).initialize();

            JsonNode first = client.request("tools/list", JSON.createObjectNode()).path("result");
            String cursor = first.path("nextCursor").asText("");
            JsonNode second = client.request("tools/list", JSON.createObjectNode().put("cursor", cursor)).path("result");
            List<String> names = new ArrayList<>();
            first.path("tools").forEach(tool -> names.add(tool.path("name").asText()));
            second.path("tools").forEach(tool -> names.add(tool.path("name").asText()));

            assertThat(first.path("tools")).hasSize(100);
            assertThat(cursor).isNotEmpty();
            assertThat(second.has("nextCursor")).isFalse();
            assertThat(names).hasSize(150 + RELAY_TOOLS).allMatch(name -> name.startsWith("many__"));
            assertThat(new HashSet<>(names)).hasSameSizeAs(names);
            JsonNode badCursor = client.request("tools/list", JSON.createObjectNode().put("cursor", "not-a-cursor"));
            assertThat(badCursor.path("error").path("code").asInt()).isEqualTo(-32602);

            // The fixture's wait tool never answers: the gateway gives up after tool_timeout_secs.
            JsonNode timedOut = client.callTool("many__wait", JSON.createObjectNode());
            assertThat(timedOut.path("error").path("code").asInt()).isEqualTo(-32001);
            assertThat(timedOut.path("error").path("message").asText())
                    .isEqualTo("server 'many' did not answer tools/call within 1 s (tool_timeout_secs)");
            assertThat(daemon.server(daemon.status(), "many").path("state").asText()).isEqualTo("READY");
        }
    }

    @Test
    void aCallToAServerThatIsDownIsAnsweredAtOnceWithItsStateAndLastError() throws Exception {
        // Issue 17: a call to a crashed server in BACKOFF waited tool_timeout_secs (180 s by
        // default), then failed with -32001 and no word of the crash.
        int port = ReferenceServers.freePort();
        Path config = Files.writeString(dir.resolve("config.toml"), ReferenceServers.gateway(port)
                + "[[mcp.servers]]\nname = \"crashes\"\ntool_timeout_secs = 180\n" + Zeroclaw.fixtureServer("crash-at-start", 1));
        try (RunningDaemon daemon = RunningDaemon.start(config, dir, Map.of())) {
            daemon.awaitState("crashes", "BACKOFF");
            GatewayClient client = new GatewayClient(GatewayClient.endpoint(port), daemon.gatewayToken()).initialize();

            long started = System.nanoTime();
            JsonNode answer = client.callTool("crashes__tool_1", JSON.createObjectNode());
            Duration took = Duration.ofNanos(System.nanoTime() - started);

            assertThat(answer.path("error").path("code").asInt()).as(answer.toString()).isEqualTo(-32603);
            // BACKOFF as a rule; FAILED when the call came after the fifth crash.
            assertThat(answer.path("error").path("message").asText())
                    .matches("server 'crashes' is (BACKOFF|FAILED) \\(last error: .*exited with status 3.*")
                    .satisfiesAnyOf(message -> assertThat(message).contains("the next start attempt is in"),
                            message -> assertThat(message).contains("is FAILED"));
            // At most one start attempt (1 to 8 s apart) lies between the call and its answer.
            assertThat(took).isLessThan(Duration.ofSeconds(30));
        }
    }

    @Test
    void zeroclawConnectCarriesAStdioClientAcrossADaemonRestart() throws Exception {
        int port = ReferenceServers.freePort();
        Path config = config(port, 1);
        RunningDaemon first = RunningDaemon.start(config, dir, Map.of());
        Process bridge = null;
        try {
            first.awaitReady("many");
            bridge = new ProcessBuilder(Zeroclaw.JAVA, "-jar", Zeroclaw.JAR.toString(), "connect", "--url",
                    GatewayClient.endpoint(port).toString(), "--runtime-dir", first.runtimeDir().toString())
                    .redirectError(dir.resolve("connect.err").toFile()).start();
            BlockingQueue<JsonNode> out = readLines(bridge);
            OutputStream in = bridge.getOutputStream();
            send(in, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\","
                    + "\"capabilities\":{},\"clientInfo\":{\"name\":\"stdio-it\",\"version\":\"1\"}}}");
            assertThat(answer(out, 1).path("result").path("serverInfo").path("name").asText()).isEqualTo("zeroclaw");
            send(in, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
            send(in, journalCall(2));
            assertThat(answer(out, 2).has("result")).isTrue();

            assertThat(first.stop().exitCode()).isZero();
            try (RunningDaemon second = RunningDaemon.start(config, dir, Map.of())) {
                second.awaitReady("many");
                send(in, journalCall(3));

                List<JsonNode> seen = new ArrayList<>();
                JsonNode after = answer(out, 3, seen);
                assertThat(after.has("result")).as(after.toString()).isTrue();
                assertThat(seen).extracting(message -> message.path("method").asText())
                        .contains("notifications/tools/list_changed");
            }
        } finally {
            if (bridge != null) {
                bridge.destroyForcibly();
            }
            first.close();
        }
    }

    private static String journalCall(int id) {
        return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"tools/call\",\"params\":{\"name\":\"many__journal\","
                + "\"arguments\":{}}}";
    }

    private static void send(OutputStream in, String line) throws Exception {
        in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        in.flush();
    }

    private static BlockingQueue<JsonNode> readLines(Process process) {
        BlockingQueue<JsonNode> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                    lines.add(JSON.readTree(line));
                }
            } catch (Exception e) {
                // The bridge ended; the test's deadline reports it.
            }
        });
        reader.setDaemon(true);
        reader.start();
        return lines;
    }

    private static JsonNode answer(BlockingQueue<JsonNode> out, int id) throws InterruptedException {
        return answer(out, id, new ArrayList<>());
    }

    /** The answer with {@code id}; every other message read meanwhile goes to {@code seen}. */
    private static JsonNode answer(BlockingQueue<JsonNode> out, int id, List<JsonNode> seen) throws InterruptedException {
        long deadline = System.nanoTime() + RunningDaemon.DEADLINE.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode message = out.poll(100, TimeUnit.MILLISECONDS);
            if (message == null) {
                continue;
            }
            if (message.path("id").asInt(-1) == id && !message.has("method")) {
                return message;
            }
            seen.add(message);
        }
        throw new AssertionError("no answer to request " + id + " from zeroclaw connect; saw " + seen);
    }
}
