package dev.zeroclaw.gateway.session;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@code text/event-stream} response: a GET notification stream, or a POST answered as a
 * stream. Jetty allows one write in flight per response, so events wait in a queue and go out one
 * after another. A failed write ends the stream; the client reconnects.
 *
 * <p>A client that stops reading must not hold the daemon's memory: once more than
 * {@link #MAX_QUEUED_BYTES} wait behind the write in flight, the stream is cut (queue dropped,
 * connection closed). A notification stream's client reconnects and hears what its session kept
 * meanwhile; one message alone always queues, however large, so a POST's answer is never cut for
 * its size.
 *
 * <p>Every field is guarded by {@code this}.
 */
public final class SseStream {

    /** Bytes that may wait behind the write in flight (besides one message of any size). */
    public static final int MAX_QUEUED_BYTES = 1024 * 1024;

    private static final Logger log = LoggerFactory.getLogger(SseStream.class);

    /** Marks the end of the stream in the queue (compared by identity). */
    private static final ByteBuffer LAST = ByteBuffer.allocate(0);

    private final Response response;
    private final Callback done;
    private final Deque<ByteBuffer> queue = new ArrayDeque<>();
    /** The bytes in {@link #queue}, not counting the write in flight. */
    private long queuedBytes;
    private boolean writing;
    private boolean closing;
    private boolean closed;
    private Runnable onClosed = () -> {};

    private SseStream(Response response, Callback done) {
        this.response = requireNonNull(response, "response is null");
        this.done = requireNonNull(done, "done is null");
    }

    /** Sends the 200 and the stream's headers now, so the client knows the stream is open. */
    public static SseStream open(Response response, Callback done) {
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/event-stream");
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-cache, no-transform");
        response.getHeaders().put("X-Accel-Buffering", "no");
        SseStream stream = new SseStream(response, done);
        stream.enqueue(ByteBuffer.allocate(0), false);
        return stream;
    }

    /** Runs once when the stream ends, for whatever reason. */
    public synchronized void onClosed(Runnable action) {
        this.onClosed = requireNonNull(action, "action is null");
        if (closed) {
            action.run();
        }
    }

    /** Queues one JSON-RPC message as an SSE event; false when the stream has ended. */
    public boolean send(String json) {
        StringBuilder event = new StringBuilder("event: message\n");
        for (String line : json.split("\n", -1)) {
            event.append("data: ").append(line).append('\n');
        }
        event.append('\n');
        return enqueue(ByteBuffer.wrap(event.toString().getBytes(StandardCharsets.UTF_8)), false);
    }

    /** A comment line: keeps proxies from closing an idle stream and finds dead clients. */
    public boolean keepAlive() {
        return enqueue(ByteBuffer.wrap(": keep-alive\n\n".getBytes(StandardCharsets.UTF_8)), false);
    }

    /** Ends the stream after what is queued. */
    public void close() {
        enqueue(ByteBuffer.allocate(0), true);
    }

    public synchronized boolean isOpen() {
        return !closed && !closing;
    }

    /** The bytes waiting behind the write in flight. */
    synchronized long queuedBytes() {
        return queuedBytes;
    }

    private boolean enqueue(ByteBuffer bytes, boolean last) {
        long waiting;
        synchronized (this) {
            if (closed || closing) {
                return false;
            }
            waiting = queuedBytes;
            boolean overflows = !last && !queue.isEmpty() && waiting + bytes.remaining() > MAX_QUEUED_BYTES;
            if (!overflows) {
                if (last) {
                    closing = true;
                }
                queue.add(last ? LAST : bytes);
                queuedBytes += bytes.remaining();
                if (writing) {
                    return true;
                }
                writing = true;
                waiting = -1;
            }
        }
        if (waiting >= 0) {
            cut(waiting);
            return false;
        }
        writeNext();
        return true;
    }

    /** Ends a stream whose client does not read; the queue goes, and Jetty closes the connection. */
    private void cut(long waiting) {
        log.warn("gateway stream cut: the client does not read it (queued_bytes={} limit={}); it may reconnect",
                waiting, MAX_QUEUED_BYTES);
        finish(new IOException("the client did not read its event stream: more than " + MAX_QUEUED_BYTES
                + " bytes queued"));
    }

    private void writeNext() {
        ByteBuffer next;
        synchronized (this) {
            next = queue.poll();
            if (next == null) {
                writing = false;
                return;
            }
            queuedBytes -= next.remaining();
        }
        boolean last = next == LAST;
        response.write(last, next, new Callback() {
            @Override
            public void succeeded() {
                if (last) {
                    finish(null);
                } else {
                    writeNext();
                }
            }

            @Override
            public void failed(Throwable failure) {
                finish(failure);
            }
        });
    }

    private void finish(Throwable failure) {
        Runnable action;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            queue.clear();
            queuedBytes = 0;
            action = onClosed;
        }
        if (failure == null) {
            done.succeeded();
        } else {
            done.failed(failure);
        }
        action.run();
    }
}
