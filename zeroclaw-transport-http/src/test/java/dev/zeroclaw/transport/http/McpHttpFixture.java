package dev.zeroclaw.transport.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;

/**
 * A small MCP server over HTTP on 127.0.0.1, for tests: Streamable HTTP (answers as JSON or as an
 * event stream) or the legacy HTTP+SSE transport. It answers {@code initialize}, {@code tools/list}
 * (with {@code tools} tools) and {@code ping}, accepts notifications, keeps the stream of its own
 * messages open, and records every request with its headers so a test can see what arrived.
 */
public final class McpHttpFixture implements AutoCloseable {

    /** How the fixture speaks. */
    public enum Mode {
        /** Streamable HTTP, each answer a JSON body. */
        STREAMABLE_JSON,
        /** Streamable HTTP, each answer an event stream. */
        STREAMABLE_SSE,
        /** The legacy HTTP+SSE transport: GET /sse, POST /message. */
        LEGACY_SSE
    }

    /**
     * One request as it arrived.
     *
     * @param method GET, POST or DELETE
     * @param path the path, with its query
     * @param headers header names in lower case, each with its values
     * @param body the body, empty for GET and DELETE
     */
    public record Recorded(String method, String path, Map<String, List<String>> headers, String body) {

        public Optional<String> header(String name) {
            List<String> values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
            return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String END = "\u0000end";

    private final Mode mode;
    private final int tools;
    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "mcp-http-fixture");
        thread.setDaemon(true);
        return thread;
    });
    private final List<Recorded> requests = new CopyOnWriteArrayList<>();
    private final Set<String> sessions = ConcurrentHashMap.newKeySet();
    private final List<BlockingQueue<String>> streams = new CopyOnWriteArrayList<>();
    private final Map<String, String> resumable = new ConcurrentHashMap<>();
    private volatile int refuseWith;
    private volatile String requiredBearer;
    private volatile boolean stepUp;
    private volatile boolean endAnswerStreamsEarly;
    private volatile boolean closed;

    private McpHttpFixture(Mode mode, int tools, SSLContext tls) throws IOException {
        this.mode = mode;
        this.tools = tools;
        InetSocketAddress loopback = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        if (tls == null) {
            this.server = HttpServer.create(loopback, 0);
        } else {
            HttpsServer https = HttpsServer.create(loopback, 0);
            https.setHttpsConfigurator(new HttpsConfigurator(tls));
            this.server = https;
        }
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
    }

    public static McpHttpFixture start(Mode mode, int tools) throws IOException {
        return new McpHttpFixture(mode, tools, null);
    }

    /** The fixture on https, with the server certificate of {@code tls}. */
    public static McpHttpFixture startTls(Mode mode, int tools, SSLContext tls) throws IOException {
        return new McpHttpFixture(mode, tools, tls);
    }

    /** The URL a server entry names: {@code /mcp}, or {@code /sse} for the legacy transport. */
    public URI url() {
        return URI.create((server instanceof HttpsServer ? "https" : "http") + "://127.0.0.1:" + server.getAddress().getPort()
                + (mode == Mode.LEGACY_SSE ? "/sse" : "/mcp"));
    }

    public List<Recorded> requests() {
        return List.copyOf(requests);
    }

    /** Forgets every session: a request that names one is answered 404, as after a server restart. */
    public void expireSessions() {
        sessions.clear();
    }

    /**
     * Answers a later POST (and, in legacy mode, GET of the event stream) that lacks {@code Authorization: Bearer
     * <token>} with 401 and a Bearer challenge, as an MCP server behind OAuth does (null: no check).
     */
    public void requireBearer(String token) {
        requiredBearer = token;
    }

    /**
     * A POST without the bearer of {@link #requireBearer} is answered 403 with {@code error="insufficient_scope"}, as
     * a server does to a token that lacks a scope (MCP step-up authorization), instead of 401.
     */
    public void askForMoreScope() {
        stepUp = true;
    }

    /** Answers every later POST with this HTTP status (0: answer normally). */
    public void refuseWith(int status) {
        refuseWith = status;
    }

    /** Ends each answer stream after its priming event; the answer waits for a GET with Last-Event-ID. */
    public void endAnswerStreamsEarly() {
        endAnswerStreamsEarly = true;
    }

    /** Sends a message of the server's own on every open stream. */
    public void push(String message) {
        streams.forEach(stream -> stream.add(message));
    }

    /** Ends every open stream, as a server does when it goes away. */
    public void endStreams() {
        streams.forEach(stream -> stream.add(END));
    }

    @Override
    public void close() {
        closed = true;
        endStreams();
        server.stop(0);
        threads.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Map<String, List<String>> headers = new TreeMap<>();
            exchange.getRequestHeaders().forEach((name, values) ->
                    headers.put(name.toLowerCase(java.util.Locale.ROOT), List.copyOf(values)));
            Recorded request = new Recorded(exchange.getRequestMethod(), exchange.getRequestURI().toString(), headers, body);
            requests.add(request);
            if (mode == Mode.LEGACY_SSE) {
                legacy(exchange, request);
            } else {
                streamable(exchange, request);
            }
        } finally {
            exchange.close();
        }
    }

    // --- Streamable HTTP -------------------------------------------------------------------------

    private void streamable(HttpExchange exchange, Recorded request) throws IOException {
        Optional<String> session = request.header("Mcp-Session-Id");
        if (session.isPresent() && !sessions.contains(session.get())) {
            respond(exchange, 404, "application/json", "{\"jsonrpc\":\"2.0\",\"error\":{\"code\":-32001,\"message\":\"Session not found\"}}");
            return;
        }
        switch (request.method()) {
            case "POST" -> post(exchange, request);
            case "GET" -> get(exchange, request);
            case "DELETE" -> {
                session.ifPresent(sessions::remove);
                respond(exchange, 200, "text/plain", "");
            }
            default -> respond(exchange, 405, "text/plain", "");
        }
    }

    /** True when the request was answered 401 for lacking the bearer token {@link #requireBearer} asks for. */
    private boolean refusedWithoutBearer(HttpExchange exchange, Recorded request) throws IOException {
        String bearer = requiredBearer;
        if (bearer == null || request.header("Authorization").equals(Optional.of("Bearer " + bearer))) {
            return false;
        }
        boolean scope = stepUp;
        exchange.getResponseHeaders().add("WWW-Authenticate", "Bearer " + (scope ? "error=\"insufficient_scope\", " : "")
                + "resource_metadata=\"" + url().resolve("/.well-known/oauth-protected-resource/mcp") + "\", scope=\"mcp:read\"");
        respond(exchange, scope ? 403 : 401, "application/json", "{\"error\":\"" + (scope ? "insufficient_scope" : "invalid_token") + "\"}");
        return true;
    }

    private void post(HttpExchange exchange, Recorded request) throws IOException {
        if (refusedWithoutBearer(exchange, request)) {
            return;
        }
        if (refuseWith != 0) {
            respond(exchange, refuseWith, "text/plain", "refused");
            return;
        }
        JsonNode message = JSON.readTree(request.body());
        if (!message.has("id") || !message.has("method")) {
            respond(exchange, 202, "text/plain", "");
            return;
        }
        String answer = JSON.writeValueAsString(answer(message));
        if (message.path("method").asText().equals("initialize")) {
            String session = UUID.randomUUID().toString();
            sessions.add(session);
            exchange.getResponseHeaders().add("Mcp-Session-Id", session);
        }
        if (mode == Mode.STREAMABLE_JSON) {
            respond(exchange, 200, "application/json", answer);
            return;
        }
        exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        if (endAnswerStreamsEarly) {
            String primed = UUID.randomUUID().toString();
            resumable.put(primed, answer);
            event(out, "id: " + primed + "\nretry: 10\ndata: \n\n");
            return;
        }
        event(out, "id: " + UUID.randomUUID() + "\nevent: message\ndata: " + answer + "\n\n");
    }

    private void get(HttpExchange exchange, Recorded request) throws IOException {
        Optional<String> resumeAfter = request.header("Last-Event-ID");
        if (resumeAfter.isPresent() && resumable.containsKey(resumeAfter.get())) {
            exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
            exchange.sendResponseHeaders(200, 0);
            event(exchange.getResponseBody(), "id: " + UUID.randomUUID() + "\ndata: " + resumable.remove(resumeAfter.get()) + "\n\n");
            return;
        }
        stream(exchange, null);
    }

    // --- legacy HTTP+SSE -----------------------------------------------------------------------

    private final Map<String, BlockingQueue<String>> legacySessions = new ConcurrentHashMap<>();

    private void legacy(HttpExchange exchange, Recorded request) throws IOException {
        if (refusedWithoutBearer(exchange, request)) {
            return;
        }
        if (request.method().equals("GET") && exchange.getRequestURI().getPath().equals("/sse")) {
            String session = UUID.randomUUID().toString();
            stream(exchange, "event: endpoint\ndata: /message?sessionId=" + session + "\n\n", session);
            return;
        }
        if (request.method().equals("POST") && exchange.getRequestURI().getPath().equals("/message")) {
            String query = exchange.getRequestURI().getQuery();
            BlockingQueue<String> stream = query == null ? null : legacySessions.get(query.replace("sessionId=", ""));
            if (stream == null) {
                respond(exchange, 404, "text/plain", "no such session");
                return;
            }
            if (refuseWith != 0) {
                respond(exchange, refuseWith, "text/plain", "refused");
                return;
            }
            JsonNode message = JSON.readTree(request.body());
            respond(exchange, 202, "text/plain", "Accepted");
            if (message.has("id") && message.has("method")) {
                stream.add(JSON.writeValueAsString(answer(message)));
            }
            return;
        }
        respond(exchange, 404, "text/plain", "not found");
    }

    // --- both --------------------------------------------------------------------------------

    private void stream(HttpExchange exchange, String first) throws IOException {
        stream(exchange, first, null);
    }

    /** Keeps an event stream open, writing what {@link #push} sends, until {@link #endStreams}. */
    private void stream(HttpExchange exchange, String first, String legacySession) throws IOException {
        BlockingQueue<String> queue = new LinkedBlockingQueue<>();
        exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        streams.add(queue);
        if (legacySession != null) {
            legacySessions.put(legacySession, queue);
        }
        try {
            if (first != null) {
                event(out, first);
            }
            while (!closed) {
                String next = queue.poll(50, TimeUnit.MILLISECONDS);
                if (next == null) {
                    continue;
                }
                if (next.equals(END)) {
                    return;
                }
                event(out, "event: message\ndata: " + next + "\n\n");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // The client went away.
        } finally {
            streams.remove(queue);
            if (legacySession != null) {
                legacySessions.remove(legacySession);
            }
        }
    }

    private ObjectNode answer(JsonNode request) {
        ObjectNode answer = JSON.createObjectNode().put("jsonrpc", "2.0");
        answer.set("id", request.get("id"));
        ObjectNode result = answer.putObject("result");
        switch (request.path("method").asText()) {
            case "initialize" -> {
                result.put("protocolVersion", request.path("params").path("protocolVersion").asText("2025-03-26"));
                result.putObject("capabilities").putObject("tools");
                result.putObject("serverInfo").put("name", "mcp-http-fixture").put("version", "1");
            }
            case "tools/list" -> {
                ArrayNode list = result.putArray("tools");
                for (int i = 0; i < tools; i++) {
                    list.addObject().put("name", "tool" + i).putObject("inputSchema").put("type", "object");
                }
            }
            case "ping" -> { }
            default -> {
                answer.remove("result");
                answer.putObject("error").put("code", -32601).put("message", "method not found");
            }
        }
        return answer;
    }

    private static void event(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static void respond(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
    }
}
