package dev.zeroclaw.transport.http;

import static java.util.Objects.requireNonNull;

import dev.zeroclaw.api.ServerSpec;
import dev.zeroclaw.api.transport.Transport;
import dev.zeroclaw.api.transport.TransportContext;
import dev.zeroclaw.api.transport.TransportEnd;
import dev.zeroclaw.api.transport.TransportLifecycle;
import dev.zeroclaw.api.transport.TransportListener;
import dev.zeroclaw.api.wire.SseEvent;
import dev.zeroclaw.api.wire.SseEventReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The client side of MCP's HTTP+SSE transport (revision 2024-11-05, deprecated since 2025-03-26
 * but still spoken by many servers): a GET opens an event stream, whose first {@code endpoint}
 * event names the URL to POST messages to; every message from the server, answers included, is a
 * {@code message} event of that stream.
 *
 * <p>{@link #start} returns once the endpoint is known, within {@code startup_timeout_secs}. The
 * endpoint must be on the server's own origin (scheme, host and port): the configured headers, which
 * may hold credentials, go only there. Messages are POSTed one at a time, in call order, each before
 * {@link #send} returns. The stream's end is the session's end: the transport ends FAILED and the
 * daemon's supervisor starts a new instance (a new stream, a new {@code initialize}).
 */
final class LegacySseTransport implements Transport {

    private static final String EVENT_STREAM = "text/event-stream";

    private final ServerSpec spec;
    private final TransportContext context;
    private final TransportLifecycle life = new TransportLifecycle();
    private final CompletableFuture<RemoteUrl> postUrl = new CompletableFuture<>();
    private final Object sendLock = new Object();
    private final ManagedAuthorization authorization;

    // Set once while starting; read without a lock afterwards.
    private volatile RemoteEndpoint endpoint;
    private volatile InputStream stream;
    // Why a send found the server gone; the reader thread reports it when the dropped stream ends.
    private volatile String failure;

    LegacySseTransport(ServerSpec spec, TransportContext context) {
        this.spec = requireNonNull(spec, "spec is null");
        this.context = requireNonNull(context, "context is null");
        this.authorization = new ManagedAuthorization(context.authorization());
    }

    /**
     * Opens the event stream and waits for its {@code endpoint} event.
     *
     * @throws IOException with a one-line reason: the server cannot be reached, answered with an
     *     HTTP error, sent no event stream, or named no endpoint in time
     */
    @Override
    public void start(TransportListener listener) throws IOException {
        life.starting(listener);
        Duration startup = Duration.ofSeconds(spec.startupTimeoutSecs());
        try {
            endpoint = RemoteEndpoint.of(spec);
            InputStream events = openStream(startup);
            stream = events;
            if (life.isClosing()) {
                // close() came while connecting and found no stream to drop.
                throw new IOException("not started: the transport was closed while it started");
            }
            Thread reader = new ReaderThreads(context, "sse").newThread(() -> read(events));
            reader.start();
            postUrl.get(startup.toMillis(), TimeUnit.MILLISECONDS);
            life.started();
        } catch (IOException | RuntimeException e) {
            throw startFailed(e);
        } catch (TimeoutException e) {
            throw startFailed(new IOException("no 'endpoint' event from " + endpoint.label() + " within "
                    + startup.toSeconds() + " s (startup_timeout_secs); is it a legacy HTTP+SSE MCP server?"));
        } catch (ExecutionException e) {
            throw startFailed(e.getCause() instanceof IOException io ? io : new IOException(e.getCause()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw startFailed(new InterruptedIOException("not started: interrupted"));
        }
    }

    @Override
    public void send(String message) throws IOException {
        requireNonNull(message, "message is null");
        if (!postUrl.isDone() || postUrl.isCompletedExceptionally()) {
            throw new IOException("message not sent: the transport is not started");
        }
        if (life.isClosing()) {
            throw new IOException("message not sent: the transport has ended");
        }
        HttpRequest post = authorization.authorized(endpoint.request(postUrl.join()))
                .header("Content-Type", "application/json")
                .timeout(StreamableHttpTransport.ACCEPT_TIMEOUT)
                .POST(HttpRequest.BodyPublishers.ofString(message, StandardCharsets.UTF_8))
                .build();
        int status;
        synchronized (sendLock) {
            HttpResponse<Void> response = post(post);
            // A renewal that needs a person throws AuthorizationRequiredException, whose message says what to run.
            if (ManagedAuthorization.asksForAuthorization(response) && authorization.renew(response)) {
                response = post(authorization.reauthorized(post));
            }
            status = response.statusCode();
        }
        if (status / 100 != 2) {
            throw new IOException("the server refused a message with HTTP " + status + " to POST "
                    + postUrl.join().label() + (status == 401 || status == 403 ? " (are the headers, e.g. Authorization, right?)" : ""));
        }
    }

    private HttpResponse<Void> post(HttpRequest post) throws IOException {
        try {
            return endpoint.client().send(post, HttpResponse.BodyHandlers.discarding());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("message not sent: interrupted");
        } catch (IOException e) {
            if (life.isClosing()) {
                throw new IOException("message not sent: the transport is closing");
            }
            // Dropping the stream ends the reader thread, which tells the listener why.
            failure = "cannot reach " + endpoint.label() + ": " + NetworkFailure.reason(e);
            dropStream();
            throw new IOException("message not sent: " + NetworkFailure.reason(e));
        }
    }

    /**
     * Drops the event stream, which ends the session on the server's side; the reader thread then
     * tells the listener. Idempotent; never throws.
     */
    @Override
    public void close(Duration deadline) {
        requireNonNull(deadline, "deadline is null");
        if (life.close()) {
            dropStream(); // the reader thread sees the stream end and tells the listener; a start under way fails
        }
    }

    private InputStream openStream(Duration startup) throws IOException {
        HttpRequest get = authorization.authorized(endpoint.request(endpoint.url()))
                .header("Accept", EVENT_STREAM)
                .header("Cache-Control", "no-cache")
                .timeout(startup)
                .GET()
                .build();
        HttpResponse<InputStream> response = get(get);
        if (ManagedAuthorization.asksForAuthorization(response)) {
            response.body().close();
            // Renewed once (a refresh); a renewal that needs a person fails the start with what to run.
            if (authorization.renew(response)) {
                response = get(authorization.reauthorized(get));
            }
        }
        String type = RemoteEndpoint.mediaType(response.headers());
        if (response.statusCode() != 200 || !type.equals(EVENT_STREAM)) {
            response.body().close();
            int status = response.statusCode();
            throw new IOException(status != 200
                    ? "the server answered HTTP " + status + " to GET " + endpoint.label()
                            + (status == 401 || status == 403 ? " (are the headers, e.g. Authorization, right?)"
                                    : " (is the url its event stream, often ending in /sse?)")
                    : "GET " + endpoint.label() + " answered " + (type.isEmpty() ? "no content type" : type)
                            + ", not an event stream (is the url its event stream, often ending in /sse?)");
        }
        return response.body();
    }

    private HttpResponse<InputStream> get(HttpRequest get) throws IOException {
        try {
            return endpoint.client().send(get, HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("not started: interrupted");
        } catch (IOException e) {
            throw new IOException("cannot reach " + endpoint.label() + ": " + NetworkFailure.reason(e), e);
        }
    }

    private void read(InputStream events) {
        try (SseEventReader reader = new SseEventReader(events, StreamableHttpTransport.MAX_MESSAGE_CHARS)) {
            for (Optional<SseEvent> event = reader.next(); event.isPresent(); event = reader.next()) {
                String data = event.get().data();
                if (event.get().type().equals("endpoint")) {
                    endpoint(data);
                } else if (event.get().type().equals("message") && !data.isEmpty() && postUrl.isDone()) {
                    life.deliver(data);
                }
            }
            ended("the server closed its event stream");
        } catch (IOException e) {
            ended("lost the event stream from " + endpoint.label() + ": " + NetworkFailure.reason(e));
        }
    }

    private void endpoint(String data) {
        RemoteUrl target;
        try {
            target = endpoint.url().resolve(data);
        } catch (RemoteUrl.Malformed e) {
            postUrl.completeExceptionally(new IOException("the server's endpoint event does not hold an http(s) URL: "
                    + e.getMessage()));
            return;
        }
        if (!target.sameOrigin(endpoint.url())) {
            postUrl.completeExceptionally(new IOException("the server's endpoint event names another origin ("
                    + target.label() + "); zeroclaw sends the configured headers only to " + endpoint.label()));
            return;
        }
        postUrl.complete(target); // a later endpoint event changes nothing
    }

    private void ended(String reason) {
        if (!postUrl.isDone()) {
            postUrl.completeExceptionally(new IOException(reason + " before naming its endpoint"));
            return;
        }
        String failed = failure;
        life.end(life.isClosing() ? TransportEnd.closed("closed") : TransportEnd.failed(failed != null ? failed : reason));
    }

    private IOException startFailed(Exception cause) {
        life.startFailed();
        dropStream();
        return cause instanceof IOException io ? io : new IOException(cause.getMessage(), cause);
    }

    /** Closing the event stream ends the reader thread and, on the server's side, the session. */
    private void dropStream() {
        InputStream events = stream;
        if (events != null) {
            try {
                events.close();
            } catch (IOException e) {
                // It is dropped either way.
            }
        }
    }
}
