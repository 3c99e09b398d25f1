package dev.zeroclaw.daemon.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Iterator;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.stream.Stream;

/** A small Streamable HTTP MCP client for tests that need to look at the wire (the TypeScript SDK covers the rest). */
final class GatewayClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final URI endpoint;
    private final Optional<String> token;
    private final AtomicLong ids = new AtomicLong(1);
    private String session;

    GatewayClient(URI endpoint, Optional<String> token) {
        this.endpoint = endpoint;
        this.token = token;
    }

    static URI endpoint(int port) {
        return URI.create("http://127.0.0.1:" + port + "/mcp");
    }

    GatewayClient initialize() throws IOException, InterruptedException {
        return initialize(JSON.createObjectNode());
    }

    /** Starts a session that declares {@code capabilities} ({@code sampling}, {@code elicitation}, …). */
    GatewayClient initialize(JsonNode capabilities) throws IOException, InterruptedException {
        ObjectNode params = JSON.createObjectNode().put("protocolVersion", "2025-06-18");
        params.set("capabilities", capabilities);
        params.putObject("clientInfo").put("name", "zeroclaw-it").put("version", "1");
        HttpResponse<String> response = post(message("initialize", params));
        if (response.statusCode() != 200) {
            throw new IOException("initialize: HTTP " + response.statusCode() + " " + response.body());
        }
        session = response.headers().firstValue("Mcp-Session-Id").orElseThrow();
        post(JSON.createObjectNode().put("jsonrpc", "2.0").put("method", "notifications/initialized"));
        return this;
    }

    /** One request answered as JSON; returns the whole JSON-RPC answer (result or error). */
    JsonNode request(String method, JsonNode params) throws IOException, InterruptedException {
        HttpResponse<String> response = post(message(method, params));
        if (response.statusCode() != 200) {
            throw new IOException(method + ": HTTP " + response.statusCode() + " " + response.body());
        }
        return JSON.readTree(response.body());
    }

    JsonNode callTool(String name, JsonNode arguments) throws IOException, InterruptedException {
        ObjectNode params = JSON.createObjectNode().put("name", name);
        params.set("arguments", arguments);
        return request("tools/call", params);
    }

    /**
     * A tool call that asks for progress, answered as an event stream: {@code onProgress} hears each
     * progress notification; returns the final answer.
     */
    JsonNode callToolWithProgress(String name, JsonNode arguments, Consumer<JsonNode> onProgress)
            throws IOException, InterruptedException {
        ObjectNode params = JSON.createObjectNode().put("name", name);
        params.set("arguments", arguments);
        params.putObject("_meta").put("progressToken", "it-progress");
        HttpResponse<Stream<String>> response = http.send(builder().POST(
                HttpRequest.BodyPublishers.ofString(message("tools/call", params).toString())).build(),
                HttpResponse.BodyHandlers.ofLines());
        try (Stream<String> lines = response.body()) {
            Iterator<String> it = lines.iterator();
            while (it.hasNext()) {
                String line = it.next();
                if (!line.startsWith("data:")) {
                    continue;
                }
                JsonNode event = JSON.readTree(line.substring(5).trim());
                if (event.path("method").asText().equals("notifications/progress")) {
                    onProgress.accept(event);
                } else if (event.has("id")) {
                    return event;
                }
            }
        }
        throw new IOException("the stream ended without an answer");
    }

    /** POSTs one message and hands over the response as it arrives, line by line (for event streams). */
    HttpResponse<Stream<String>> postStreaming(JsonNode message) throws IOException, InterruptedException {
        return http.send(builder().POST(HttpRequest.BodyPublishers.ofString(message.toString())).build(),
                HttpResponse.BodyHandlers.ofLines());
    }

    /** POSTs one message as a client that takes only JSON answers (no event streams). */
    HttpResponse<String> postJsonOnly(JsonNode message) throws IOException, InterruptedException {
        return http.send(builder().setHeader("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(message.toString())).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Opens the session's GET stream; its lines arrive as the gateway sends them. */
    HttpResponse<Stream<String>> openStream() throws IOException, InterruptedException {
        return http.send(builder().setHeader("Accept", "text/event-stream").timeout(Duration.ofMinutes(5)).GET().build(),
                HttpResponse.BodyHandlers.ofLines());
    }

    /** The data of the next event of an event stream, or empty when the stream ends first. */
    static Optional<JsonNode> nextEvent(Iterator<String> lines) throws IOException {
        while (lines.hasNext()) {
            String line = lines.next();
            if (line.startsWith("data:")) {
                return Optional.of(JSON.readTree(line.substring(5).trim()));
            }
        }
        return Optional.empty();
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint.resolve(path)).timeout(Duration.ofSeconds(30)).GET();
        token.ifPresent(value -> request.header("Authorization", "Bearer " + value));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(JsonNode message) throws IOException, InterruptedException {
        return http.send(builder().POST(HttpRequest.BodyPublishers.ofString(message.toString())).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder builder() {
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream");
        token.ifPresent(value -> request.header("Authorization", "Bearer " + value));
        if (session != null) {
            request.header("Mcp-Session-Id", session);
        }
        return request;
    }

    private ObjectNode message(String method, JsonNode params) {
        ObjectNode message = JSON.createObjectNode().put("jsonrpc", "2.0").put("id", ids.getAndIncrement()).put("method", method);
        message.set("params", params);
        return message;
    }
}
