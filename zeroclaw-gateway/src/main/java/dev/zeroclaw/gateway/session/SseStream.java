package dev.zeroclaw.gateway.session;

import static java.util.Objects.requireNonNull;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * One {@code text/event-stream} response: a GET notification stream, or a POST answered as a
 * stream. Jetty allows one write in flight per response, so events wait in a queue and go out one
 * after another. A failed write ends the stream; the client reconnects.
 *
 * <p>Every field is guarded by {@code this}.
 */
public final class SseStream {

    /** Marks the end of the stream in the queue (compared by identity). */
    private static final ByteBuffer LAST = ByteBuffer.allocate(0);

    private final Response response;
    private final Callback done;
    private final Deque<ByteBuffer> queue = new ArrayDeque<>();
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

    private boolean enqueue(ByteBuffer bytes, boolean last) {
        synchronized (this) {
            if (closed || closing) {
                return false;
            }
            if (last) {
                closing = true;
            }
            queue.add(last ? LAST : bytes);
            if (writing) {
                return true;
            }
            writing = true;
        }
        writeNext();
        return true;
    }

    private void writeNext() {
        ByteBuffer next;
        synchronized (this) {
            next = queue.poll();
            if (next == null) {
                writing = false;
                return;
            }
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
