package dev.zeroclaw.gateway.session;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.zeroclaw.gateway.observe.ObservedRequest;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The answer to one client request POSTed to {@code /mcp}. It stays a plain JSON answer, not yet
 * committed, until the server's answer arrives (the fast path). A message about the call that
 * comes first (progress, a request from the server) turns it into an event stream, as Streamable
 * HTTP allows, when the client accepts one; the answer then ends that stream.
 *
 * <p>Every mutable field is guarded by {@code this}.
 */
public final class CallStream {

    private final GatewaySession session;
    private final JsonNode requestId;
    private final boolean acceptsEvents;
    private final boolean acceptsJson;
    private final Supplier<SseStream> opener;
    private final Consumer<JsonNode> jsonWriter;
    // Set once by the protocol before the request is routed; read by the router on any thread.
    private volatile ObservedRequest observed = ObservedRequest.NONE;
    private SseStream events;
    private boolean finished;
    private boolean cancelled;

    /**
     * @param accept the request's {@code Accept} header, or null
     * @param opener opens the response as an event stream (at most once)
     * @param jsonWriter writes the response as one JSON answer
     */
    public CallStream(GatewaySession session, JsonNode requestId, String accept, Supplier<SseStream> opener,
            Consumer<JsonNode> jsonWriter) {
        this.session = requireNonNull(session, "session is null");
        this.requestId = requireNonNull(requestId, "requestId is null");
        String accepted = accept == null ? "" : accept;
        this.acceptsEvents = accepted.contains("text/event-stream");
        // No Accept header at all means anything goes; so does */*.
        this.acceptsJson = accept == null || accepted.contains("application/json") || accepted.contains("*/*");
        this.opener = requireNonNull(opener, "opener is null");
        this.jsonWriter = requireNonNull(jsonWriter, "jsonWriter is null");
    }

    public GatewaySession session() {
        return session;
    }

    /** The client's id of the request. */
    public JsonNode requestId() {
        return requestId;
    }

    /** What hears this request's calls to servers ({@link ObservedRequest#NONE} unless the gateway observes requests). */
    public ObservedRequest observed() {
        return observed;
    }

    public void observed(ObservedRequest observed) {
        this.observed = requireNonNull(observed, "observed is null");
    }

    /** True when the client accepts an event stream, so messages before the answer can reach it here. */
    public boolean acceptsEvents() {
        return acceptsEvents;
    }

    /**
     * Sends a message that belongs to the call before its answer, switching the response to an
     * event stream first if need be. False when it cannot go here: the client takes JSON only,
     * the answer is already out, or the stream has ended.
     */
    public boolean send(String message) {
        SseStream open;
        synchronized (this) {
            if (finished || !acceptsEvents) {
                return false;
            }
            if (events == null) {
                events = opener.get();
            }
            open = events;
        }
        return open.send(message);
    }

    /** The client cancelled the call: it gets no answer (MCP: the client ignores a late one anyway). */
    public synchronized void cancel() {
        cancelled = true;
    }

    /** Sends the answer and ends the response; a later call does nothing. */
    public void finish(JsonNode reply) {
        SseStream open;
        boolean silent;
        synchronized (this) {
            if (finished) {
                return;
            }
            finished = true;
            silent = cancelled && acceptsEvents;
            if (events == null && acceptsEvents && (silent || !acceptsJson)) {
                events = opener.get();
            }
            open = events;
        }
        if (open == null) {
            // A client that takes JSON only still needs an answer to its POST, even a cancelled one.
            jsonWriter.accept(reply);
            return;
        }
        if (!silent) {
            open.send(reply.toString());
        }
        open.close();
    }
}
