package dev.zeroclaw.daemon.connect;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.zeroclaw.mcp.JsonRpcMessages;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code zeroclaw connect}: an MCP server on stdin/stdout (one JSON-RPC message per line) that
 * relays everything to the gateway's Streamable HTTP endpoint, for clients that only launch stdio
 * servers. The gateway's notifications arrive on a GET stream and go to stdout too, and so do the
 * servers' requests the gateway relays (sampling, elicitation, roots), whether they come on a
 * call's event stream or on the GET stream; the client's responses and cancellations are POSTed
 * back like any other message.
 *
 * <p>When the daemon restarts, the gateway has forgotten the session: the bridge waits for it
 * (up to {@link #RECONNECT_LIMIT}), starts a new session with the client's original
 * {@code initialize}, repeats the request that found the session gone, and tells the client that
 * every list changed, since the servers behind the gateway may differ. Requests that cannot reach
 * the gateway in time get a JSON-RPC error, never silence.
 */
public final class GatewayBridge {

    static final Duration RECONNECT_LIMIT = Duration.ofSeconds(30);
    static final List<String> LIST_CHANGED = List.of("notifications/tools/list_changed",
            "notifications/resources/list_changed", "notifications/prompts/list_changed");

    private static final Logger log = LoggerFactory.getLogger(GatewayBridge.class);

    private final URI endpoint;
    private final Optional<String> token;
    private final ObjectMapper json;
    private final PrintStream out;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final ExecutorService requests = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "zeroclaw-connect");
        thread.setDaemon(true);
        return thread;
    });

    // Guarded by this: the client's initialize (replayed on reconnect) and the gateway's session.
    private JsonNode initializeParams;
    private String session;
    private String protocolVersion;
    private long generation;
    private Thread notifications;
    private volatile boolean closing;

    public GatewayBridge(URI endpoint, Optional<String> token, ObjectMapper json, PrintStream out) {
        this.endpoint = requireNonNull(endpoint, "endpoint is null");
        this.token = requireNonNull(token, "token is null");
        this.json = requireNonNull(json, "json is null");
        this.out = requireNonNull(out, "out is null");
    }

    /** Relays until stdin ends, then ends the gateway session. */
    public void run(InputStream in) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String line;
        while ((line = reader.readLine()) != null) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode message;
            try {
                message = json.readTree(line);
            } catch (JsonProcessingException e) {
                write(error(null, -32700, "not JSON"));
                continue;
            }
            relay(message);
        }
        closing = true;
        endSession();
        requests.shutdown();
    }

    private void relay(JsonNode message) {
        String method = message.path("method").asText("");
        boolean request = message.has("id") && !message.path("id").isNull() && !method.isEmpty();
        if (method.equals("initialize") && request) {
            synchronized (this) {
                initializeParams = message.path("params").deepCopy();
            }
            // Nothing else is meaningful before initialize, so it runs on the reader thread.
            forward(message, true);
            return;
        }
        if (method.equals("notifications/initialized")) {
            forward(message, false);
            startNotificationStream();
            return;
        }
        if (!request) {
            // Notifications, and responses to the gateway's requests: the gateway answers 202.
            forward(message, false);
            return;
        }
        // A long tool call must not hold up a ping behind it.
        requests.execute(() -> forward(message, true));
    }

    /** Posts one message; on a lost session reconnects and posts it again. Writes answers to stdout. */
    private void forward(JsonNode message, boolean answered) {
        JsonNode id = message.get("id");
        long deadline = System.nanoTime() + RECONNECT_LIMIT.toNanos();
        while (true) {
            long seen;
            String current;
            synchronized (this) {
                seen = generation;
                current = session;
            }
            boolean initialize = message.path("method").asText("").equals("initialize");
            try {
                HttpResponse<Stream<String>> response = post(message, initialize ? null : current);
                if (response.statusCode() == 404 && !initialize) {
                    response.body().close();
                    reconnect(seen, deadline);
                    continue;
                }
                if (initialize) {
                    synchronized (this) {
                        session = response.headers().firstValue("Mcp-Session-Id").orElse(null);
                        generation++;
                    }
                }
                deliver(response, answered ? id : null, initialize);
                return;
            } catch (IOException e) {
                if (System.nanoTime() > deadline || closing) {
                    if (answered) {
                        write(error(id, -32603, "the zeroclaw gateway at " + endpoint + " is not reachable: " + e.getMessage()));
                    }
                    return;
                }
                try {
                    reconnect(seen, deadline);
                } catch (IOException again) {
                    if (answered) {
                        write(error(id, -32603, "the zeroclaw gateway at " + endpoint + " is not reachable: " + again.getMessage()));
                    }
                    return;
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /**
     * A new gateway session, unless another thread made one since {@code seen}. Waits for the
     * gateway until {@code deadline}; then tells the client its lists may have changed.
     */
    private void reconnect(long seen, long deadline) throws IOException, InterruptedException {
        synchronized (this) {
            if (generation != seen) {
                return;
            }
            if (initializeParams == null) {
                throw new IOException("the session ended before initialize");
            }
            long pause = 100;
            while (true) {
                try {
                    ObjectNode initialize = json.createObjectNode().put("jsonrpc", "2.0").put("id", "zeroclaw-connect-reconnect")
                            .put("method", "initialize");
                    initialize.set("params", initializeParams);
                    HttpResponse<Stream<String>> response = post(initialize, null);
                    response.body().close();
                    String next = response.headers().firstValue("Mcp-Session-Id").orElse(null);
                    if (response.statusCode() == 200 && next != null) {
                        session = next;
                        generation++;
                        break;
                    }
                    throw new IOException("the gateway answered initialize with HTTP " + response.statusCode());
                } catch (IOException e) {
                    if (System.nanoTime() + pause * 1_000_000 > deadline || closing) {
                        throw e;
                    }
                    Thread.sleep(pause);
                    pause = Math.min(pause * 2, 2_000);
                }
            }
            post(json.createObjectNode().put("jsonrpc", "2.0").put("method", "notifications/initialized"), session).body().close();
            log.info("connect: new gateway session after the old one was lost");
        }
        LIST_CHANGED.forEach(method -> write(new JsonRpcMessages(json).notification(method)));
    }

    private HttpResponse<Stream<String>> post(JsonNode message, String sessionId) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(message)));
        decorate(request, sessionId);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofLines());
    }

    private void decorate(HttpRequest.Builder request, String sessionId) {
        token.ifPresent(value -> request.header("Authorization", "Bearer " + value));
        if (sessionId != null) {
            request.header("Mcp-Session-Id", sessionId);
        }
        String version;
        synchronized (this) {
            version = protocolVersion;
        }
        if (version != null) {
            request.header("MCP-Protocol-Version", version);
        }
    }

    /** Writes what the gateway answered: one JSON document, or each event of a stream. */
    private void deliver(HttpResponse<Stream<String>> response, JsonNode id, boolean initialize) {
        String type = response.headers().firstValue("Content-Type").orElse("");
        try (Stream<String> lines = response.body()) {
            if (type.startsWith("text/event-stream")) {
                new SseReader(this::fromGateway).read(lines);
            } else if (type.startsWith("application/json")) {
                String body = String.join("\n", lines.toList());
                if (initialize) {
                    rememberVersion(body);
                }
                fromGateway(body);
            } else if (id != null) {
                write(error(id, -32603, "the gateway answered HTTP " + response.statusCode()));
            }
        }
    }

    private void rememberVersion(String body) {
        try {
            String version = json.readTree(body).path("result").path("protocolVersion").asText(null);
            synchronized (this) {
                protocolVersion = version;
            }
        } catch (JsonProcessingException e) {
            // fromGateway reports the broken answer.
        }
    }

    private void fromGateway(String message) {
        try {
            write(json.readTree(message));
        } catch (JsonProcessingException e) {
            log.warn("connect: the gateway sent a message that is not JSON; dropped");
        }
    }

    /** Keeps a GET stream open for the gateway's notifications, opening it again whenever it ends. */
    private synchronized void startNotificationStream() {
        if (notifications != null) {
            return;
        }
        notifications = new Thread(this::listen, "zeroclaw-connect-notifications");
        notifications.setDaemon(true);
        notifications.start();
    }

    private void listen() {
        while (!closing) {
            long seen;
            String current;
            synchronized (this) {
                seen = generation;
                current = session;
            }
            try {
                HttpRequest.Builder request = HttpRequest.newBuilder(endpoint).header("Accept", "text/event-stream").GET();
                decorate(request, current);
                HttpResponse<Stream<String>> response = http.send(request.build(), HttpResponse.BodyHandlers.ofLines());
                if (response.statusCode() == 200) {
                    try (Stream<String> lines = response.body()) {
                        new SseReader(this::fromGateway).read(lines);
                    }
                } else {
                    response.body().close();
                }
                if (closing) {
                    return;
                }
                if (response.statusCode() == 405) {
                    return;
                }
                // The stream ended (the daemon stopped?) or the session is gone: find out by reconnecting.
                if (response.statusCode() == 404 || response.statusCode() == 200) {
                    reconnectQuietly(seen);
                }
            } catch (IOException | java.io.UncheckedIOException e) {
                reconnectQuietly(seen);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** After a lost stream: a session that still exists is kept; else a new one, waiting as long as it takes. */
    private void reconnectQuietly(long seen) {
        while (!closing) {
            try {
                String current;
                synchronized (this) {
                    current = session;
                }
                HttpResponse<Stream<String>> probe = post(json.createObjectNode().put("jsonrpc", "2.0").put("id", "zeroclaw-connect-ping")
                        .put("method", "ping"), current);
                probe.body().close();
                if (probe.statusCode() != 404) {
                    return;
                }
                reconnect(seen, System.nanoTime() + RECONNECT_LIMIT.toNanos());
                return;
            } catch (IOException e) {
                try {
                    Thread.sleep(500);
                } catch (InterruptedException interrupted) {
                    return;
                }
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void endSession() {
        String current;
        synchronized (this) {
            current = session;
        }
        if (current == null) {
            return;
        }
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(endpoint).DELETE().timeout(Duration.ofSeconds(2));
            decorate(request, current);
            http.send(request.build(), HttpResponse.BodyHandlers.discarding());
        } catch (IOException e) {
            // The daemon is gone; so is the session.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private JsonNode error(JsonNode id, int code, String message) {
        return new JsonRpcMessages(json).error(id, code, message);
    }

    /** One message per line on stdout; lines from several threads never interleave. */
    private void write(JsonNode message) {
        String line;
        try {
            line = json.writeValueAsString(message);
        } catch (JsonProcessingException e) {
            return;
        }
        synchronized (out) {
            out.print(line);
            out.print('\n');
            out.flush();
        }
    }
}
