package dev.zeroclaw.examples.socket;

import static java.util.Objects.requireNonNull;

import dev.zeroclaw.api.transport.Transport;
import dev.zeroclaw.api.transport.TransportContext;
import dev.zeroclaw.api.transport.TransportEnd;
import dev.zeroclaw.api.transport.TransportLifecycle;
import dev.zeroclaw.api.transport.TransportListener;
import dev.zeroclaw.api.wire.JsonLineReader;
import dev.zeroclaw.api.wire.MalformedFrameException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * One connection to an MCP server listening on a socket: newline-delimited JSON-RPC both ways.
 *
 * <p>Threads: {@link #start} connects (bounded by {@code startup_timeout_secs}) and starts one
 * reader thread, which alone calls the listener, so messages arrive in order and the end after the
 * last one. {@link #send} writes from the caller's thread, one message at a time. The API's
 * {@link TransportLifecycle} keeps the books: start once, close idempotent, one {@code onClosed}.
 *
 * <p>Errors: a refused or timed-out connection fails {@link #start} with one line; a connection
 * the server closes or breaks ends the transport FAILED (the daemon restarts it with backoff); a
 * line over 4 MiB, or one that is not UTF-8, ends it FAILED too ({@link MalformedFrameException}).
 *
 * <p>Deadline: {@link #close} half-closes the connection (the server reads end of input, as a stdio
 * server sees its stdin close), waits up to the deadline for the server to close its side, then
 * closes the socket; it returns within the deadline plus about a second.
 */
final class SocketTransport implements Transport {

    static final int MAX_MESSAGE_BYTES = 4 * 1024 * 1024;
    private static final Duration AFTER_DEADLINE = Duration.ofSeconds(1);

    private final SocketEndpoint endpoint;
    private final Duration connectTimeout;
    private final TransportContext context;
    private final Object writeLock = new Object();
    private final TransportLifecycle life = new TransportLifecycle();

    // Set once by start(), before the transport counts as started.
    private volatile SocketChannel channel;
    private volatile Thread reader;

    SocketTransport(SocketEndpoint endpoint, Duration connectTimeout, TransportContext context) {
        this.endpoint = requireNonNull(endpoint, "endpoint is null");
        this.connectTimeout = requireNonNull(connectTimeout, "connectTimeout is null");
        this.context = requireNonNull(context, "context is null");
    }

    @Override
    public void start(TransportListener listener) throws IOException {
        life.starting(listener);
        SocketChannel connected;
        try {
            connected = connect(); // up to the timeout; a close() meanwhile fails the start below
        } catch (IOException | RuntimeException e) {
            life.startFailed();
            throw e;
        }
        Thread thread = new Thread(() -> read(connected),
                "zeroclaw-" + context.serverName() + "#" + context.instance() + "-socket");
        thread.setDaemon(true);
        channel = connected;
        reader = thread;
        try {
            life.started();
        } catch (IOException e) {
            connected.close();
            throw e;
        }
        thread.start();
    }

    @Override
    public void send(String message) throws IOException {
        requireNonNull(message, "message is null");
        SocketChannel connected = channel;
        if (connected == null || life.isClosing()) {
            throw new IOException("message not sent: the transport is not connected");
        }
        if (message.indexOf('\n') >= 0 || message.indexOf('\r') >= 0) {
            throw new IOException("message not sent: a message must be one line of JSON");
        }
        ByteBuffer bytes = ByteBuffer.wrap((message + "\n").getBytes(StandardCharsets.UTF_8));
        synchronized (writeLock) {
            while (bytes.hasRemaining()) {
                connected.write(bytes);
            }
        }
    }

    @Override
    public void close(Duration deadline) {
        requireNonNull(deadline, "deadline is null");
        if (!life.close()) {
            return; // closed already, or never started
        }
        SocketChannel connected = channel;
        Thread readerThread = reader;
        if (connected == null) {
            return; // still connecting: start() sees the close and gives up
        }
        boolean onReader = Thread.currentThread() == readerThread;
        try {
            connected.shutdownOutput();
            if (!onReader) {
                readerThread.join(Math.max(1, deadline.toMillis()));
            }
        } catch (IOException e) {
            // The connection is gone already: closing it below is all there is to do.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            connected.close();
            if (!onReader) {
                readerThread.join(AFTER_DEADLINE.toMillis());
            }
        } catch (IOException e) {
            // Closed either way.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private SocketChannel connect() throws IOException {
        SocketChannel connecting = endpoint.isUnix()
                ? SocketChannel.open(StandardProtocolFamily.UNIX)
                : SocketChannel.open();
        try {
            if (endpoint.isUnix()) {
                connecting.connect(endpoint.address());
            } else {
                InetSocketAddress unresolved = (InetSocketAddress) endpoint.address();
                InetSocketAddress address = new InetSocketAddress(unresolved.getHostString(), unresolved.getPort());
                if (address.isUnresolved()) {
                    throw new IOException("cannot connect to " + endpoint.url() + ": unknown host");
                }
                // A blocking channel's socket adaptor honours a connect timeout; the channel itself has none.
                connecting.socket().connect(address, (int) Math.min(Integer.MAX_VALUE, connectTimeout.toMillis()));
            }
            return connecting;
        } catch (IOException e) {
            connecting.close();
            throw new IOException("cannot connect to " + endpoint.url() + ": " + reason(e), e);
        }
    }

    private void read(SocketChannel connected) {
        TransportEnd end;
        try {
            JsonLineReader lines = new JsonLineReader(Channels.newInputStream(connected), MAX_MESSAGE_BYTES);
            for (Optional<String> line = lines.next(); line.isPresent(); line = lines.next()) {
                life.deliver(line.get());
            }
            end = life.isClosing() ? TransportEnd.closed("closed; the server closed its side")
                    : TransportEnd.failed("the server closed the connection");
        } catch (MalformedFrameException e) {
            end = TransportEnd.failed("the server broke the framing: " + e.getMessage());
        } catch (AsynchronousCloseException e) {
            end = TransportEnd.closed("closed");
        } catch (IOException e) {
            end = life.isClosing() ? TransportEnd.closed("closed") : TransportEnd.failed("connection lost: " + reason(e));
        }
        if (!life.isClosing()) {
            try {
                connected.close();
            } catch (IOException e) {
                // Closed either way.
            }
        }
        life.end(end);
    }

    private static String reason(IOException e) {
        if (e instanceof ConnectException) {
            return "connection refused";
        }
        if (e instanceof SocketTimeoutException) {
            return "no answer within the startup timeout";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
