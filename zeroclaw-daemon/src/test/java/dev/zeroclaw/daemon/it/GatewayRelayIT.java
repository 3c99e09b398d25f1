package dev.zeroclaw.daemon.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Requests from a server to its client, and clients' cancellations, through the real daemon, on the
 * wire: a fixture server ({@code mcp-fixture.js --relay}) asks its client for sampling during a call,
 * never answers its {@code wait} tool, and keeps a journal of what it received.
 */
class GatewayRelayIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNode SAMPLING = JSON.createObjectNode().set("sampling", JSON.createObjectNode());

    @TempDir
    Path dir;

    private int port;
    private RunningDaemon daemon;

    @Test
    void aServerRequestGoesOnTheCallsOwnStreamAndTheClientsAnswerGoesBackToTheServer() throws Exception {
        try (RunningDaemon daemon = start()) {
            GatewayClient client = client(SAMPLING);

            HttpResponse<Stream<String>> response = client.postStreaming(toolCall("ask-1", "fixture__ask"));

            assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
            try (Stream<String> lines = response.body()) {
                Iterator<String> events = lines.iterator();
                JsonNode request = GatewayClient.nextEvent(events).orElseThrow();
                assertThat(request.path("method").asText()).isEqualTo("sampling/createMessage");
                assertThat(request.path("id").asText()).startsWith("zeroclaw-relay-");
                assertThat(request.path("params").path("messages").toString()).contains("fixture question");

                ObjectNode answer = JSON.createObjectNode().put("jsonrpc", "2.0");
                answer.set("id", request.path("id"));
                answer.putObject("result").put("role", "assistant").put("model", "it-model")
                        .putObject("content").put("type", "text").put("text", "the client's answer");
                assertThat(client.post(answer).statusCode()).isEqualTo(202);

                JsonNode result = GatewayClient.nextEvent(events).orElseThrow();
                assertThat(result.path("id").asText()).isEqualTo("ask-1");
                assertThat(result.path("result").path("isError").asBoolean()).as(result.toString()).isFalse();
                assertThat(text(result)).contains("the client's answer").contains("it-model");
            }
            // Right after initialized, before any call, the fixture asked for roots: nobody to ask.
            assertThat(journal(client).path("startupRoots").path("message").asText())
                    .contains("no client call to this server is in flight");
        }
    }

    @Test
    void aClientThatTakesOnlyJsonIsAskedOnItsGetStream() throws Exception {
        try (RunningDaemon daemon = start()) {
            GatewayClient client = client(SAMPLING);
            try (Stream<String> lines = client.openStream().body()) {
                Iterator<String> events = lines.iterator();
                CompletableFuture<HttpResponse<String>> ask = CompletableFuture.supplyAsync(() -> {
                    try {
                        return client.postJsonOnly(toolCall("ask-json", "fixture__ask"));
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });

                JsonNode request = GatewayClient.nextEvent(events).orElseThrow();
                while (!request.has("id")) {
                    request = GatewayClient.nextEvent(events).orElseThrow();
                }
                assertThat(request.path("method").asText()).isEqualTo("sampling/createMessage");
                ObjectNode answer = JSON.createObjectNode().put("jsonrpc", "2.0");
                answer.set("id", request.path("id"));
                answer.putObject("result").put("role", "assistant").put("model", "it-model")
                        .putObject("content").put("type", "text").put("text", "answered from the GET stream");
                assertThat(client.post(answer).statusCode()).isEqualTo(202);

                HttpResponse<String> response = ask.get(RunningDaemon.DEADLINE.toSeconds(), TimeUnit.SECONDS);
                assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
                JsonNode result = JSON.readTree(response.body());
                assertThat(result.path("id").asText()).isEqualTo("ask-json");
                assertThat(text(result)).contains("answered from the GET stream");
            }
        }
    }

    @Test
    void aClientThatDidNotDeclareSamplingIsNotAsked() throws Exception {
        try (RunningDaemon daemon = start()) {
            GatewayClient client = client(JSON.createObjectNode());

            JsonNode answer = client.callTool("fixture__ask", JSON.createObjectNode());

            assertThat(answer.path("result").path("isError").asBoolean()).as(answer.toString()).isTrue();
            assertThat(text(answer)).contains("did not declare the 'sampling' capability");
        }
    }

    @Test
    void callsFromSeveralClientsInFlightMeanNoClientIsAsked() throws Exception {
        try (RunningDaemon daemon = start()) {
            GatewayClient waiting = client(SAMPLING);
            GatewayClient asking = client(SAMPLING);
            CompletableFuture<HttpResponse<Stream<String>>> wait = CompletableFuture.supplyAsync(() -> post(waiting,
                    toolCall("wait-1", "fixture__wait")));
            awaitJournal(asking, journal -> journal.path("waits").size() == 1);

            JsonNode answer = asking.callTool("fixture__ask", JSON.createObjectNode());

            assertThat(text(answer)).contains("calls from 2 clients are in flight").contains("cannot tell which client");
            waiting.post(cancelled("wait-1", "test over"));
            wait.get(RunningDaemon.DEADLINE.toSeconds(), TimeUnit.SECONDS).body().close();
        }
    }

    @Test
    void aCancelledCallIsCancelledAtTheServerUnderItsOwnRequestIdAndGetsNoAnswer() throws Exception {
        try (RunningDaemon daemon = start()) {
            GatewayClient client = client(SAMPLING);
            CompletableFuture<HttpResponse<Stream<String>>> wait = CompletableFuture.supplyAsync(() -> post(client,
                    toolCall("wait-me", "fixture__wait")));
            JsonNode waits = awaitJournal(client, journal -> journal.path("waits").size() == 1).path("waits");

            assertThat(client.post(cancelled("wait-me", "the user pressed stop")).statusCode()).isEqualTo(202);

            // The server hears the cancellation for the request IT got, not the client's id.
            JsonNode journal = awaitJournal(client, seen -> seen.path("cancelled").size() == 1);
            assertThat(waits.get(0).isNumber()).as(waits.toString()).isTrue();
            assertThat(journal.path("cancelled").get(0).path("requestId")).isEqualTo(waits.get(0));
            assertThat(journal.path("cancelled").get(0).path("reason").asText()).isEqualTo("the user pressed stop");
            // And the call's response ends without an answer.
            HttpResponse<Stream<String>> response = wait.get(RunningDaemon.DEADLINE.toSeconds(), TimeUnit.SECONDS);
            try (Stream<String> lines = response.body()) {
                assertThat(GatewayClient.nextEvent(lines.iterator())).isEmpty();
            }
        }
    }

    @Test
    void aServersLogMessageDuringACallReachesThatClientAtItsLevel() throws Exception {
        try (RunningDaemon daemon = start()) {
            GatewayClient client = client(JSON.createObjectNode());
            ObjectNode level = JSON.createObjectNode().put("level", "warning");
            assertThat(client.request("logging/setLevel", level).has("result")).isTrue();

            ObjectNode quiet = toolCall("log-info", "fixture__log");
            ((ObjectNode) quiet.path("params").path("arguments")).put("level", "info").put("data", "below the level");
            HttpResponse<Stream<String>> held = client.postStreaming(quiet);
            assertThat(held.headers().firstValue("Content-Type").orElse("")).as("nothing came before the answer")
                    .startsWith("application/json");
            held.body().close();

            ObjectNode loud = toolCall("log-error", "fixture__log");
            ((ObjectNode) loud.path("params").path("arguments")).put("level", "error").put("data", "disk on fire");
            HttpResponse<Stream<String>> response = client.postStreaming(loud);
            assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
            try (Stream<String> lines = response.body()) {
                Iterator<String> events = lines.iterator();
                JsonNode logged = GatewayClient.nextEvent(events).orElseThrow();
                assertThat(logged.path("method").asText()).isEqualTo("notifications/message");
                assertThat(logged.path("params").path("level").asText()).isEqualTo("error");
                assertThat(logged.path("params").path("logger").asText()).isEqualTo("fixture/fixture");
                assertThat(logged.path("params").path("data").asText()).isEqualTo("disk on fire");
                assertThat(GatewayClient.nextEvent(events).orElseThrow().path("id").asText()).isEqualTo("log-error");
            }
            JsonNode unknown = client.request("logging/setLevel", JSON.createObjectNode().put("level", "loud"));
            assertThat(unknown.path("error").path("message").asText()).contains("unknown logging level 'loud'");
        }
    }

    private RunningDaemon start() throws Exception {
        port = ReferenceServers.freePort();
        Path config = Files.writeString(dir.resolve("config.toml"), ReferenceServers.gateway(port)
                + "[[mcp.servers]]\nname = \"fixture\"\ntool_timeout_secs = 30\ncommand = \"node\"\nargs = "
                + Zeroclaw.toml(List.of(Zeroclaw.FIXTURE.toString(), "--tools", "1", "--relay")) + "\n");
        daemon = RunningDaemon.start(config, dir, Map.of());
        daemon.awaitReady("fixture");
        return daemon;
    }

    private GatewayClient client(JsonNode capabilities) throws Exception {
        return new GatewayClient(GatewayClient.endpoint(port), daemon.gatewayToken()).initialize(capabilities);
    }

    private static ObjectNode toolCall(String id, String tool) {
        ObjectNode message = JSON.createObjectNode().put("jsonrpc", "2.0").put("id", id).put("method", "tools/call");
        message.putObject("params").put("name", tool).putObject("arguments");
        return message;
    }

    private static ObjectNode cancelled(String requestId, String reason) {
        ObjectNode message = JSON.createObjectNode().put("jsonrpc", "2.0").put("method", "notifications/cancelled");
        message.putObject("params").put("requestId", requestId).put("reason", reason);
        return message;
    }

    private static HttpResponse<Stream<String>> post(GatewayClient client, JsonNode message) {
        try {
            return client.postStreaming(message);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode journal(GatewayClient client) throws Exception {
        return JSON.readTree(text(client.callTool("fixture__journal", JSON.createObjectNode())));
    }

    /** Polls the fixture's journal until {@code condition} holds, within the deadline. */
    private static JsonNode awaitJournal(GatewayClient client, Predicate<JsonNode> condition) throws Exception {
        long deadline = System.nanoTime() + RunningDaemon.DEADLINE.toNanos();
        while (true) {
            JsonNode journal = journal(client);
            if (condition.test(journal)) {
                return journal;
            }
            assertThat(System.nanoTime() - deadline).as("journal never matched: " + journal).isNegative();
            Thread.sleep(50);
        }
    }

    private static String text(JsonNode answer) {
        return answer.path("result").path("content").path(0).path("text").asText();
    }
}
