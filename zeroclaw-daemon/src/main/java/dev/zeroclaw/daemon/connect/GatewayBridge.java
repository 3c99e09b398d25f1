package dev.zeroclaw.daemon.connect;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.zeroclaw.api.wire.JsonLineReader;
import dev.zeroclaw.api.wire.MalformedFrameException;
import dev.zeroclaw.api.wire.SseEvent;
import dev.zeroclaw.api.wire.SseEventReader;
import dev.zeroclaw.mcp.JsonRpcMessages;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
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
import java.util.function.Consumer;
import java.util.function.Supplier;
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
    /** The longest message taken from the client: the gateway accepts no longer body. */
    static final int MAX_MESSAGE_BYTES = 4 * 1024 * 1024;
    /** The longest message taken from the gateway: a server's 4 MiB and room for the gateway's envelope. */
    static final int MAX_ANSWER_CHARS = 8 * 1024 * 1024;
    static final List<String> LIST_CHANGED = List.of("notifications/tools/list_changed",
            "notifications/resources/list_changed", "notifications/prompts/list_changed");

    private static final Logger log = LoggerFactory.getLogger(GatewayBridge.class);

    // Where the gateway is: replaced by rediscover's answer when it cannot be reached (a reload moved it).
    private volatile URI endpoint;
    private final Supplier<Optional<URI>> rediscover;
    private final BearerTokenSource token;
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

    public GatewayBridge(URI endpoint, BearerTokenSource token, ObjectMapper json, PrintStream out) {
        this(endpoint, Optional::empty, token, json, out);
    }

    /**
     * @param rediscover asked for the gateway's endpoint again when it cannot be reached (the
     *     running daemon's answer); empty keeps the one there is
     */
    public GatewayBridge(URI endpoint, Supplier<Optional<URI>> rediscover, BearerTokenSource token, ObjectMapper json,
            PrintStream out) {
        this.endpoint = requireNonNull(endpoint, "endpoint is null");
        this.rediscover = requireNonNull(rediscover, "rediscover is null");
        this.token = requireNonNull(token, "token is null");
        this.json = requireNonNull(json, "json is null");
        this.out = requireNonNull(out, "out is null");
    }

    /** Relays until stdin ends, then ends the gateway session. */
    public void run(InputStream in) throws IOException {
        JsonLineReader lines = new JsonLineReader(in, MAX_MESSAGE_BYTES);
        while (true) {
            Optional<String> line;
            try {
                line = lines.next();
            } catch (MalformedFrameException e) {
                // The reader goes on with the next line; the client hears why this one was refused.
                write(error(null, -32700, "the client broke the framing: " + e.getMessage()));
                continue;
            }
            if (line.isEmpty()) {
                break;
            }
            JsonNode message;
            try {
                message = json.readTree(line.get());
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
                HttpResponse<InputStream> response = post(message, initialize ? null : current);
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
                    HttpResponse<InputStream> response = post(initialize, null);
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
                    rediscover.get().filter(moved -> !moved.equals(endpoint)).ifPresent(moved -> {
                        log.info("connect: the gateway moved from {} to {}", endpoint, moved);
                        endpoint = moved;
                    });
                    Thread.sleep(pause);
                    pause = Math.min(pause * 2, 2_000);
                }
            }
            post(json.createObjectNode().put("jsonrpc", "2.0").put("method", "notifications/initialized"), session).body().close();
            log.info("connect: new gateway session after the old one was lost");
        }
        LIST_CHANGED.forEach(method -> write(new JsonRpcMessages(json).notification(method)));
    }

    private HttpResponse<InputStream> post(JsonNode message, String sessionId) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(message)));
        decorate(request, sessionId);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
    }

    private void decorate(HttpRequest.Builder request, String sessionId) throws IOException {
        token.token().ifPresent(value -> request.header("Authorization", "Bearer " + value));
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
    private void deliver(HttpResponse<InputStream> response, JsonNode id, boolean initialize) {
        String type = response.headers().firstValue("Content-Type").orElse("");
        boolean[] answered = new boolean[1];
        try (InputStream body = response.body()) {
            if (type.startsWith("text/event-stream")) {
                readEvents(body, message -> answered[0] |= id != null && id.equals(message.get("id"))
                        && (message.has("result") || message.has("error")));
            } else if (type.startsWith("application/json")) {
                String text = readText(body);
                if (initialize) {
                    rememberVersion(text);
                }
                fromGateway(text);
            } else if (id != null && response.statusCode() == 401) {
                write(error(id, -32603, "the zeroclaw gateway at " + endpoint + " refused this client (HTTP 401): it needs"
                        + " the token in gateway.token of the daemon's runtime directory (run connect as the daemon's user,"
                        + " with the daemon's --runtime-dir) or the one --token-env names"));
            } else if (id != null) {
                write(error(id, -32603, "the gateway answered HTTP " + response.statusCode()));
            }
        } catch (IOException e) {
            if (id != null && !answered[0]) {
                write(error(id, -32603, "lost the answer from the zeroclaw gateway at " + endpoint + ": " + e.getMessage()));
            }
        }
    }

    /** Passes on each message event of a stream until it ends; {@code seen} hears each one passed on. */
    private void readEvents(InputStream body, Consumer<JsonNode> seen) throws IOException {
        SseEventReader events = new SseEventReader(body, MAX_ANSWER_CHARS);
        for (Optional<SseEvent> event = events.next(); event.isPresent(); event = events.next()) {
            // An event with empty data only primes the stream for resumption.
            if (event.get().type().equals("message") && !event.get().data().isEmpty()) {
                fromGateway(event.get().data()).ifPresent(seen);
            }
        }
    }

    private static String readText(InputStream body) throws IOException {
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        byte[] chunk = new byte[8192];
        for (int n = body.read(chunk); n >= 0; n = body.read(chunk)) {
            if (text.size() + n > MAX_ANSWER_CHARS) {
                throw MalformedFrameException.tooLong("an answer", MAX_ANSWER_CHARS, "bytes");
            }
            text.write(chunk, 0, n);
        }
        return text.toString(StandardCharsets.UTF_8);
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

    private Optional<JsonNode> fromGateway(String message) {
        try {
            JsonNode parsed = json.readTree(message);
            write(parsed);
            return Optional.of(parsed);
        } catch (JsonProcessingException e) {
            log.warn("connect: the gateway sent a message that is not JSON; dropped");
            return Optional.empty();
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
                HttpResponse<InputStream> response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
                if (response.statusCode() == 200) {
                    try (InputStream body = response.body()) {
                        readEvents(body, message -> { });
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
                if (response.statusCode() == 401) {
                    // Refused until the token can be read again (a restarted daemon wrote a new one): no busy loop.
                    log.warn("connect: the gateway refused the notification stream (HTTP 401); trying again");
                    Thread.sleep(2_000);
                    continue;
                }
                // The stream ended (the daemon stopped?) or the session is gone: find out by reconnecting.
                if (response.statusCode() == 404 || response.statusCode() == 200) {
                    reconnectQuietly(seen);
                }
            } catch (IOException e) {
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
                HttpResponse<InputStream> probe = post(json.createObjectNode().put("jsonrpc", "2.0").put("id", "zeroclaw-connect-ping")
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
