package dev.zeroclaw.transport.http;

import static java.util.Objects.requireNonNull;

import dev.zeroclaw.api.ServerSpec;
import dev.zeroclaw.api.transport.AuthorizationRequiredException;
import dev.zeroclaw.api.transport.Transport;
import dev.zeroclaw.api.transport.TransportContext;
import dev.zeroclaw.api.transport.TransportEnd;
import dev.zeroclaw.api.transport.TransportLifecycle;
import dev.zeroclaw.api.transport.TransportListener;
import dev.zeroclaw.api.wire.SseEvent;
import dev.zeroclaw.api.wire.SseEventReader;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The client side of MCP's Streamable HTTP transport (revisions 2025-03-26 and later), on the JDK's
 * HTTP client.
 *
 * <p>Each message is one POST to the server's URL with {@code Accept: application/json,
 * text/event-stream}. A notification or a response is sent before {@link #send} returns (the
 * server answers 202). A request returns at once; its answer, JSON or an event stream that may
 * carry the server's own requests and notifications first, is read on a thread of this transport.
 * The {@code Mcp-Session-Id} the server gives with its answer to {@code initialize} and the
 * protocol version it chose there go with every later request ({@code MCP-Protocol-Version}).
 * After {@code notifications/initialized}, a GET opens the stream on which the server sends
 * messages of its own; it is reopened (with {@code Last-Event-ID}) when the server ends it, and a
 * response stream that ends before its answer is resumed the same way when the server gave event ids.
 *
 * <p>Failures: when the server cannot be reached, the transport ends FAILED. When it answers 404 to
 * a request that carried the session id, the session has expired: the transport ends FAILED
 * ("session expired") and the daemon's supervisor starts a new instance, whose {@code initialize}
 * starts a new session, so that the daemon's view of the server (its tools, its capabilities) is
 * always that of the live session. A request the server refuses with an HTTP error gets a JSON-RPC
 * error answer saying so, unless the server sent one of its own.
 *
 * <p>{@link #close} ends the session with a DELETE (bounded by the deadline), then drops every stream.
 */
final class StreamableHttpTransport implements Transport {

    /** The longest message accepted from a server, as for stdio servers. */
    static final int MAX_MESSAGE_CHARS = 4 * 1024 * 1024;
    /** How long a notification or a response may wait for the server to accept it. */
    static final Duration ACCEPT_TIMEOUT = Duration.ofSeconds(30);
    /** The wait before reopening a stream the server ended, unless it asked for another with {@code retry}. */
    static final Duration RECONNECT_DELAY = Duration.ofSeconds(1);
    /** Resumptions of a response stream in a row that bring no event before it is given up. */
    private static final int MAX_IDLE_RESUMPTIONS = 3;

    private static final String JSON = "application/json";
    private static final String EVENT_STREAM = "text/event-stream";

    private final ServerSpec spec;
    private final TransportContext context;
    private final ManagedAuthorization authorization;
    private final TransportLifecycle life = new TransportLifecycle();
    private final Set<Closeable> streams = ConcurrentHashMap.newKeySet();
    private final Set<CompletableFuture<?>> exchanges = ConcurrentHashMap.newKeySet();
    // Counted down when everything is dropped: wakes the reader threads that wait to reconnect.
    private final CountDownLatch closing = new CountDownLatch(1);
    private final AtomicBoolean listening = new AtomicBoolean();

    // Set once while starting; read without a lock afterwards.
    private volatile RemoteEndpoint endpoint;
    private volatile ExecutorService readers;
    // Written by whichever thread sees them first; read by every request.
    private volatile String initializeId;
    private volatile String sessionId;
    private volatile String protocolVersion;

    StreamableHttpTransport(ServerSpec spec, TransportContext context) {
        this.spec = requireNonNull(spec, "spec is null");
        this.context = requireNonNull(context, "context is null");
        this.authorization = new ManagedAuthorization(context.authorization());
    }

    /**
     * Prepares the client. Nothing goes to the server before the first message: Streamable HTTP
     * has no connection of its own, and {@code initialize} is what reaches the server. (A host
     * {@link java.net.URI} cannot hold is resolved here; {@link RemoteEndpoint}.)
     *
     * @throws IOException when the settings are unusable (a CA file that is missing or holds no
     *     certificate, a header HTTP does not allow) or such a host does not resolve
     */
    @Override
    public void start(TransportListener listener) throws IOException {
        life.starting(listener);
        try {
            endpoint = RemoteEndpoint.of(spec);
            readers = Executors.newCachedThreadPool(new ReaderThreads(context, "http"));
            life.started();
        } catch (IOException | RuntimeException e) {
            life.startFailed();
            dropEverything();
            throw e;
        }
    }

    @Override
    public void send(String message) throws IOException {
        requireNonNull(message, "message is null");
        if (endpoint == null || readers == null) {
            throw new IOException("message not sent: the transport is not started");
        }
        if (life.isClosing()) {
            throw new IOException("message not sent: the transport has ended");
        }
        JsonRpcEnvelope envelope;
        try {
            envelope = JsonRpcEnvelope.of(message);
        } catch (IOException e) {
            // The parser's message quotes the text, which may hold a tool's arguments: not for a log.
            throw new IOException("message not sent: it is not JSON");
        }
        if (envelope.kind() == JsonRpcEnvelope.Kind.REQUEST && envelope.method().orElse("").equals("initialize")) {
            // A new session begins: what the old one negotiated no longer holds.
            initializeId = envelope.id().orElseThrow();
            sessionId = null;
            protocolVersion = null;
        }
        HttpRequest post = authorization.authorized(withSession(endpoint.request(endpoint.url())))
                .header("Content-Type", JSON)
                .header("Accept", JSON + ", " + EVENT_STREAM)
                .POST(HttpRequest.BodyPublishers.ofString(message, StandardCharsets.UTF_8))
                .build();
        if (envelope.kind() == JsonRpcEnvelope.Kind.REQUEST || envelope.kind() == JsonRpcEnvelope.Kind.BATCH) {
            exchange(post, envelope, false);
        } else {
            deliver(post, envelope, false);
        }
    }

    /**
     * Ends the session with a DELETE, waiting for it at most {@code deadline}, then drops every
     * stream and answer in flight. Idempotent; never throws.
     */
    @Override
    public void close(Duration deadline) {
        requireNonNull(deadline, "deadline is null");
        if (!life.close() || life.state() != TransportLifecycle.State.STARTED) {
            return; // closed already, or before start, or while starting: then start() drops what it made
        }
        closing.countDown(); // wakes the readers waiting to reconnect, so none reopens a stream
        String session = sessionId;
        boolean deleted = false;
        if (session != null && !life.hasEnded()) {
            deleted = deleteSession(deadline);
        }
        TransportEnd closed = TransportEnd.closed(deleted ? "closed; the server's session was ended with DELETE" : "closed");
        onReaderThread(() -> life.end(closed)); // from a thread of the transport, as every listener call
        dropEverything();
    }

    // --- requests: answered on a reader thread ---------------------------------------------

    private void exchange(HttpRequest post, JsonRpcEnvelope request, boolean renewed) {
        boolean withSession = sessionId != null;
        CompletableFuture<HttpResponse<InputStream>> sent =
                endpoint.client().sendAsync(post, HttpResponse.BodyHandlers.ofInputStream());
        exchanges.add(sent);
        sent.whenCompleteAsync((response, failure) -> {
            exchanges.remove(sent);
            if (failure != null) {
                if (closing.getCount() > 0) {
                    unreachable(failure);
                }
                return;
            }
            if (ManagedAuthorization.asksForAuthorization(response) && !renewed && closing.getCount() > 0) {
                retryAuthorized(post, request, response);
            } else {
                answered(request, withSession, response);
            }
        }, this::onReaderThread);
    }

    private void answered(JsonRpcEnvelope request, boolean withSession, HttpResponse<InputStream> response) {
        InputStream body = response.body();
        streams.add(body);
        try (body) {
            if (closing.getCount() == 0) {
                return; // closed while the answer was on its way: end() may have missed this stream
            }
            int status = response.statusCode();
            if (request.id().isPresent() && request.id().get().equals(initializeId) && status / 100 == 2) {
                response.headers().firstValue("Mcp-Session-Id").ifPresent(id -> sessionId = id);
            }
            if (status == 404 && withSession) {
                sessionExpired();
            } else if (status >= 300) {
                refused(request, response);
            } else if (status == 200) {
                readAnswer(request, response);
            }
            // 202 or 204: the answer comes on the stream of the server's own messages.
        } catch (IOException e) {
            if (closing.getCount() > 0 && !life.hasEnded()) {
                life.deliver(request.errorAnswer("lost the answer from " + endpoint.label() + ": " + NetworkFailure.reason(e)));
            }
        } finally {
            streams.remove(body);
        }
    }

    private void readAnswer(JsonRpcEnvelope request, HttpResponse<InputStream> response) throws IOException {
        String type = RemoteEndpoint.mediaType(response.headers());
        if (type.equals(JSON)) {
            receive(readText(response.body()), request);
        } else if (type.equals(EVENT_STREAM)) {
            readEvents(new SseEventReader(response.body(), MAX_MESSAGE_CHARS), request);
        } else {
            life.deliver(request.errorAnswer("the server answered with content type '" + type
                    + "', neither " + JSON + " nor " + EVENT_STREAM));
        }
    }

    /** Reads a response stream until the request's answer; resumes it with Last-Event-ID if it ends before. */
    private void readEvents(SseEventReader events, JsonRpcEnvelope request) throws IOException {
        int idleResumptions = 0;
        SseEventReader stream = events;
        while (true) {
            boolean answered = false;
            boolean heard = false;
            for (Optional<SseEvent> event = stream.next(); event.isPresent(); event = stream.next()) {
                heard = true;
                if (isMessage(event.get())) {
                    answered |= receive(event.get().data(), request);
                }
            }
            if (answered || request.id().isEmpty() || closing.getCount() == 0 || life.hasEnded()) {
                return;
            }
            idleResumptions = heard ? 0 : idleResumptions + 1;
            Optional<String> lastEventId = stream.lastEventId();
            if (lastEventId.isEmpty() || idleResumptions > MAX_IDLE_RESUMPTIONS) {
                life.deliver(request.errorAnswer("the server ended its answer stream without answering"));
                return;
            }
            if (!pause(stream)) {
                return;
            }
            Optional<SseEventReader> resumed = resume(lastEventId.get());
            if (resumed.isEmpty()) {
                life.deliver(request.errorAnswer("the server ended its answer stream without answering and did not resume it"));
                return;
            }
            stream = resumed.get();
        }
    }

    private Optional<SseEventReader> resume(String lastEventId) throws IOException {
        HttpResponse<InputStream> response = get(Optional.of(lastEventId));
        if (response.statusCode() != 200 || !RemoteEndpoint.mediaType(response.headers()).equals(EVENT_STREAM)) {
            response.body().close();
            return Optional.empty();
        }
        InputStream body = response.body();
        streams.add(body);
        return Optional.of(new SseEventReader(body, MAX_MESSAGE_CHARS));
    }

    /** The server refused a request: its own JSON-RPC error if it sent one, else one saying what HTTP said. */
    private void refused(JsonRpcEnvelope request, HttpResponse<InputStream> response) throws IOException {
        int status = response.statusCode();
        if (RemoteEndpoint.mediaType(response.headers()).equals(JSON)) {
            String text = readText(response.body());
            JsonRpcEnvelope answer = envelope(text);
            if (answer.kind() == JsonRpcEnvelope.Kind.RESPONSE && answer.id().equals(request.id())) {
                life.deliver(text);
                return;
            }
        }
        life.deliver(request.errorAnswer("the server answered HTTP " + status + " to POST " + endpoint.label() + hint(status)));
    }

    private static String hint(int status) {
        return switch (status) {
            case 401, 403 -> " (are the headers, e.g. Authorization, right?)";
            case 404 -> " (is the url right?)";
            case 405 -> " (does it speak Streamable HTTP at this url? a legacy HTTP+SSE server needs transport = \"sse\")";
            default -> "";
        };
    }

    // --- notifications and responses: accepted before send returns ---------------------------

    private void deliver(HttpRequest post, JsonRpcEnvelope message, boolean renewed) throws IOException {
        boolean withSession = sessionId != null;
        HttpResponse<InputStream> response;
        try {
            response = endpoint.client().send(copyWithTimeout(post), HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("message not sent: interrupted");
        } catch (IOException e) {
            if (closing.getCount() == 0) {
                throw new IOException("message not sent: the transport is closing");
            }
            // The listener hears of it from a thread of the transport, never from the caller's.
            onReaderThread(() -> unreachable(e));
            throw new IOException("message not sent: " + NetworkFailure.reason(e));
        }
        int status = response.statusCode();
        if (ManagedAuthorization.asksForAuthorization(response) && !renewed) {
            response.body().close();
            if (authorization.renew(response)) {
                deliver(authorization.reauthorized(post), message, true);
                return;
            }
        }
        if (status / 100 != 2) {
            response.body().close();
            if (status == 404 && withSession) {
                onReaderThread(this::sessionExpired);
                throw new IOException("message not sent: the server ended the session");
            }
            String why = "the server refused a " + message.kind().name().toLowerCase(java.util.Locale.ROOT)
                    + " with HTTP " + status + hint(status);
            onReaderThread(() -> life.diagnostic(why));
            throw new IOException(why);
        }
        if (status == 200) {
            // Not what the specification asks (202), but a server may answer with messages: read them.
            onReaderThread(() -> answered(message, withSession, response));
        } else {
            response.body().close();
        }
        if (message.method().orElse("").equals("notifications/initialized")) {
            listen();
        }
    }

    // --- managed authorization (MCP authorization: OAuth tokens the daemon refreshes) ---------------

    /**
     * A request answered 401 (or a step-up 403): renewed and sent once more, on a reader thread (a renewal is an HTTP exchange of its
     * own). When only a person can help, the request's answer is an error that says what to run.
     */
    private void retryAuthorized(HttpRequest post, JsonRpcEnvelope request, HttpResponse<InputStream> response) {
        try {
            response.body().close();
            if (authorization.renew(response)) {
                exchange(authorization.reauthorized(post), request, true);
                return;
            }
            life.deliver(request.errorAnswer("the server answered HTTP " + response.statusCode() + " to POST " + endpoint.label()
                    + hint(response.statusCode())));
        } catch (AuthorizationRequiredException e) {
            life.deliver(request.errorAnswer(e.getMessage()));
        } catch (IOException e) {
            life.deliver(request.errorAnswer("the server answered HTTP " + response.statusCode() + " to POST " + endpoint.label()
                    + " and the authorization could not be renewed: " + e.getMessage()));
        }
    }

    private HttpRequest copyWithTimeout(HttpRequest post) {
        return HttpRequest.newBuilder(post, (name, value) -> true).timeout(ACCEPT_TIMEOUT).build();
    }

    // --- the stream of the server's own messages ----------------------------------------------

    private void listen() {
        if (!listening.compareAndSet(false, true)) {
            return;
        }
        onReaderThread(this::listenUntilClosed);
    }

    private void listenUntilClosed() {
        Optional<String> lastEventId = Optional.empty();
        while (closing.getCount() > 0 && !life.hasEnded()) {
            HttpResponse<InputStream> response;
            boolean withSession = sessionId != null;
            try {
                response = get(lastEventId);
            } catch (InterruptedIOException e) {
                return;
            } catch (IOException e) {
                if (closing.getCount() > 0) {
                    unreachable(e);
                }
                return;
            }
            int status = response.statusCode();
            if (status != 200 || !RemoteEndpoint.mediaType(response.headers()).equals(EVENT_STREAM)) {
                closeQuietly(response.body());
                if (status == 404 && withSession) {
                    sessionExpired();
                } else if (status == 405) {
                    life.diagnostic("the server offers no stream of its own messages (GET answered 405); "
                            + "only answers to requests will arrive");
                } else {
                    life.diagnostic("the server refused the stream of its own messages: HTTP " + status
                            + " to GET " + endpoint.label());
                }
                return;
            }
            InputStream body = response.body();
            streams.add(body);
            SseEventReader events = new SseEventReader(body, MAX_MESSAGE_CHARS);
            try (body) {
                for (Optional<SseEvent> event = events.next(); event.isPresent(); event = events.next()) {
                    if (isMessage(event.get())) {
                        receive(event.get().data(), null);
                    }
                }
            } catch (IOException e) {
                // The stream broke; reopening it tells whether the server is still there.
            } finally {
                streams.remove(body);
            }
            Optional<String> previous = lastEventId;
            lastEventId = events.lastEventId().or(() -> previous);
            if (!pause(events)) {
                return;
            }
        }
    }

    private HttpResponse<InputStream> get(Optional<String> lastEventId) throws IOException {
        HttpRequest.Builder get = authorization.authorized(withSession(endpoint.request(endpoint.url()))).header("Accept", EVENT_STREAM).GET();
        lastEventId.ifPresent(id -> get.header("Last-Event-ID", id));
        try {
            return endpoint.client().send(get.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted");
        }
    }

    /** Waits as long as the stream asked before a reconnection; false when the transport closed meanwhile. */
    private boolean pause(SseEventReader events) {
        long millis = events.retryMillis().orElse(RECONNECT_DELAY.toMillis());
        try {
            return !closing.await(millis, TimeUnit.MILLISECONDS) && !life.hasEnded();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    // --- what every path shares --------------------------------------------------------------

    /**
     * Passes one message on, noting the protocol version of the answer to {@code initialize}.
     *
     * @return true when it is the answer to {@code request}
     */
    private boolean receive(String message, JsonRpcEnvelope request) {
        JsonRpcEnvelope received = envelope(message);
        if (received.kind() == JsonRpcEnvelope.Kind.RESPONSE && received.id().isPresent()
                && received.id().get().equals(initializeId)) {
            received.protocolVersion().ifPresent(version -> protocolVersion = version);
        }
        life.deliver(message);
        if (request == null) {
            return false;
        }
        return received.kind() == JsonRpcEnvelope.Kind.BATCH
                || (received.kind() == JsonRpcEnvelope.Kind.RESPONSE && received.id().equals(request.id()));
    }

    private static JsonRpcEnvelope envelope(String message) {
        try {
            return JsonRpcEnvelope.of(message);
        } catch (IOException e) {
            return new JsonRpcEnvelope(JsonRpcEnvelope.Kind.OTHER, Optional.empty(), Optional.empty(), Optional.empty());
        }
    }

    private static boolean isMessage(SseEvent event) {
        // An event with empty data primes a stream for resumption (2025-11-25): it carries only an id.
        return event.type().equals("message") && !event.data().isEmpty();
    }

    private HttpRequest.Builder withSession(HttpRequest.Builder request) {
        String session = sessionId;
        String version = protocolVersion;
        if (session != null) {
            request.header("Mcp-Session-Id", session);
        }
        if (version != null) {
            request.header("MCP-Protocol-Version", version);
        }
        return request;
    }

    private static String readText(InputStream body) throws IOException {
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        byte[] chunk = new byte[8192];
        for (int n = body.read(chunk); n >= 0; n = body.read(chunk)) {
            if (text.size() + n > MAX_MESSAGE_CHARS) {
                throw new IOException("an answer from the server is longer than " + MAX_MESSAGE_CHARS + " bytes");
            }
            text.write(chunk, 0, n);
        }
        return text.toString(StandardCharsets.UTF_8);
    }

    private boolean deleteSession(Duration deadline) {
        try {
            HttpRequest delete = authorization.authorized(withSession(endpoint.request(endpoint.url())))
                    .timeout(deadline.isZero() || deadline.isNegative() ? Duration.ofMillis(1) : deadline)
                    .DELETE()
                    .build();
            return endpoint.client().send(delete, HttpResponse.BodyHandlers.discarding()).statusCode() / 100 == 2;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (IOException e) {
            return false; // gone already, or too slow: the session expires on the server's side
        }
    }

    /**
     * Runs {@code task} on a reader thread; once the transport has closed, on the calling thread,
     * where it finds the transport closed and only drops what it was given.
     */
    private void onReaderThread(Runnable task) {
        try {
            readers.execute(task);
        } catch (RejectedExecutionException e) {
            task.run();
        }
    }

    private void unreachable(Throwable failure) {
        end(TransportEnd.failed("cannot reach " + endpoint.label() + ": " + NetworkFailure.reason(failure)));
    }

    private void sessionExpired() {
        end(TransportEnd.failed("session expired: the server answered 404 to its Mcp-Session-Id;"
                + " a new instance starts a new session"));
    }

    /** Ends the transport once (called on a thread of the transport), then drops everything. */
    private void end(TransportEnd end) {
        life.end(end);
        dropEverything();
    }

    /** Drops every stream, answer in flight and reader thread; a task already handed to them still runs. */
    private void dropEverything() {
        closing.countDown();
        exchanges.forEach(exchange -> exchange.cancel(true));
        streams.forEach(StreamableHttpTransport::closeQuietly);
        ExecutorService threads = readers;
        if (threads != null) {
            threads.shutdown();
        }
    }

    private static void closeQuietly(Closeable stream) {
        try {
            stream.close();
        } catch (IOException | RuntimeException e) {
            // Dropping it is all that is left to do.
        }
    }
}
