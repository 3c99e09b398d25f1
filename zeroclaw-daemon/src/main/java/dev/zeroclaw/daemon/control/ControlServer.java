package dev.zeroclaw.daemon.control;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.zeroclaw.api.wire.JsonLineReader;
import dev.zeroclaw.api.wire.MalformedFrameException;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import jdk.net.ExtendedSocketOptions;
import jdk.net.UnixDomainPrincipal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The control socket: a Unix domain socket, mode 0600 in the 0700 runtime directory, served to
 * the daemon's own user and root only. One JSON request per line, one JSON reply per line; a
 * request that follows something ({@link ControlHandler#stream}) gets replies, one per line, until
 * the client closes the connection.
 */
public final class ControlServer implements AutoCloseable {

    /** Longest request line accepted; requests are a few dozen bytes. */
    static final int MAX_REQUEST_BYTES = 64 * 1024;
    static final int MAX_CONNECTIONS = 16;
    /**
     * Connections beyond {@link #MAX_CONNECTIONS} that are still read and answered "busy"; past
     * these, a connection is closed at once (a flood, not a client waiting its turn).
     */
    static final int MAX_REFUSALS = 16;
    /** A refused client that has not sent its request line by then is disconnected. */
    static final long REFUSAL_DEADLINE_MS = 2_000;
    /** A client that has not sent its request line by then is disconnected. */
    static final long REQUEST_DEADLINE_MS = 10_000;
    /**
     * Connections that follow a stream ({@code logs -f}, {@code events -f}) at once: they hold a
     * connection each for as long as they follow, and must leave room for {@code status} and {@code reload}.
     */
    static final int MAX_FOLLOWERS = 8;
    /** How often a quiet stream looks whether its client has gone. */
    static final Duration FOLLOW_POLL = Duration.ofMillis(500);
    /** The field of a request that carries its client's uid to the handler (set by the server, never by the client). */
    public static final String PEER_UID = "peer_uid";

    private static final Logger log = LoggerFactory.getLogger(ControlServer.class);

    private final Path socket;
    private final ControlHandler handler;
    private final ObjectMapper json;
    private final ScheduledExecutorService timers;
    private final ExecutorService connections = Executors.newCachedThreadPool(daemonThreads("zeroclaw-control"));
    private final Semaphore slots = new Semaphore(MAX_CONNECTIONS);
    private final Semaphore refusals = new Semaphore(MAX_REFUSALS);
    private final Semaphore followers = new Semaphore(MAX_FOLLOWERS);
    private final String owner = System.getProperty("user.name");
    // Only the owner and root are served, so a peer's uid is this process's or 0.
    private final long ownUid = ownUid();
    // Guarded by this: set by start.
    private ServerSocketChannel channel;

    /** Serves nothing yet: {@link #start} binds the socket. */
    public ControlServer(Path socket, ControlHandler handler, ObjectMapper json, ScheduledExecutorService timers) {
        this.socket = requireNonNull(socket, "socket is null");
        this.handler = requireNonNull(handler, "handler is null");
        this.json = requireNonNull(json, "json is null");
        this.timers = requireNonNull(timers, "timers is null");
    }

    /** Binds the socket (replacing a stale file, which the pid-file lock proves stale) and serves. */
    public synchronized void start() throws IOException {
        if (channel != null) {
            throw new IllegalStateException("the control socket has started already");
        }
        Files.deleteIfExists(socket);
        ServerSocketChannel bound = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            bound.bind(UnixDomainSocketAddress.of(socket));
            Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-------"));
        } catch (IOException e) {
            bound.close();
            throw e;
        }
        channel = bound;
        Thread acceptor = new Thread(() -> accept(bound), "zeroclaw-control-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public Path socket() {
        return socket;
    }

    private void accept(ServerSocketChannel channel) {
        while (channel.isOpen()) {
            SocketChannel client;
            try {
                client = channel.accept();
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                log.warn("control socket: accept failed: {}", e.getMessage());
                continue;
            }
            if (!slots.tryAcquire()) {
                refuseBusy(client);
                continue;
            }
            connections.execute(() -> {
                try {
                    serve(client);
                } finally {
                    slots.release();
                }
            });
        }
    }

    private void serve(SocketChannel client) {
        ScheduledFuture<?> deadline = timers.schedule(() -> closeQuietly(client), REQUEST_DEADLINE_MS, TimeUnit.MILLISECONDS);
        try (client) {
            String peer = peerUser(client);
            if (!peer.equals(owner) && !peer.equals("root")) {
                log.warn("control socket: refused a connection from user '{}'", peer);
                write(client, failure("permission denied: only '" + owner + "' or root may control this daemon"));
                return;
            }
            Optional<String> line;
            try {
                // One request per connection: what the reader buffers past its line is not wanted.
                line = new JsonLineReader(Channels.newInputStream(client), MAX_REQUEST_BYTES).next();
            } catch (MalformedFrameException e) {
                write(client, failure("the request is refused: " + e.getMessage()));
                return;
            }
            deadline.cancel(false);
            if (line.isEmpty()) {
                return;
            }
            JsonNode request;
            try {
                request = json.readTree(line.get());
            } catch (JsonProcessingException e) {
                write(client, failure("the request is not JSON"));
                return;
            }
            if (request instanceof ObjectNode fields) {
                // Set here, over whatever the client wrote: who asked, for the audit log.
                fields.put(PEER_UID, peer.equals("root") ? 0 : ownUid);
            }
            Optional<ControlStream> stream = handler.stream(request);
            if (stream.isEmpty()) {
                write(client, handler.handle(request));
                return;
            }
            try (ControlStream replies = stream.get()) {
                if (!followers.tryAcquire()) {
                    write(client, failure("busy: " + MAX_FOLLOWERS + " clients follow already; try again when one has stopped")
                            .put("busy", true));
                    return;
                }
                try {
                    follow(client, replies);
                } finally {
                    followers.release();
                }
            }
        } catch (IOException e) {
            log.debug("control connection ended: {}", e.getMessage());
        } finally {
            deadline.cancel(false);
        }
    }

    /**
     * Writes the stream's replies as they come, until the client closes the connection or the
     * daemon stops (which interrupts this thread). A slow client makes this thread wait in its
     * writes, never the stream's producers: the stream drops what does not fit.
     */
    private void follow(SocketChannel client, ControlStream replies) throws IOException {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                JsonNode reply = replies.next(FOLLOW_POLL);
                if (reply != null) {
                    write(client, reply);
                } else if (peerClosed(client)) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Whether the client has closed its end; a follower sends nothing after its request, so any bytes are ignored. */
    private static boolean peerClosed(SocketChannel client) {
        try {
            client.configureBlocking(false);
            try {
                return client.read(ByteBuffer.allocate(256)) < 0;
            } finally {
                client.configureBlocking(true);
            }
        } catch (IOException e) {
            return true;
        }
    }

    /** This process's uid: the owner of {@code /proc/self}; -1 where that cannot be read. */
    private static long ownUid() {
        try {
            return ((Number) Files.getAttribute(Path.of("/proc/self"), "unix:uid")).longValue();
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return -1;
        }
    }

    private String peerUser(SocketChannel client) throws IOException {
        UnixDomainPrincipal principal = client.getOption(ExtendedSocketOptions.SO_PEERCRED);
        return principal.user().getName();
    }

    private void write(SocketChannel client, JsonNode reply) throws IOException {
        byte[] bytes = (json.writeValueAsString(reply) + "\n").getBytes(StandardCharsets.UTF_8);
        Channels.newOutputStream(client).write(bytes);
    }

    private ObjectNode failure(String message) {
        return json.createObjectNode().put("ok", false).put("error", message);
    }

    /**
     * Answers "busy" after reading the request: closing a Unix socket with the request unread
     * resets it, and the client would take the lost reply for a missing daemon.
     */
    private void refuseBusy(SocketChannel client) {
        if (!refusals.tryAcquire()) {
            closeQuietly(client);
            return;
        }
        connections.execute(() -> {
            ScheduledFuture<?> deadline = timers.schedule(() -> closeQuietly(client), REFUSAL_DEADLINE_MS,
                    TimeUnit.MILLISECONDS);
            try (client) {
                new JsonLineReader(Channels.newInputStream(client), MAX_REQUEST_BYTES).next();
                write(client, busy());
            } catch (IOException e) {
                log.debug("could not tell a control client the daemon is busy: {}", e.getMessage());
            } finally {
                deadline.cancel(false);
                refusals.release();
            }
        });
    }

    private ObjectNode busy() {
        return failure("busy: all " + MAX_CONNECTIONS + " control connections are in use; try again shortly")
                .put("busy", true);
    }

    private static void closeQuietly(SocketChannel client) {
        try {
            client.close();
        } catch (IOException e) {
            // Closing a socket that is already broken: nothing to do.
        }
    }

    private static java.util.concurrent.ThreadFactory daemonThreads(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    @Override
    public void close() {
        ServerSocketChannel bound;
        synchronized (this) {
            bound = channel;
        }
        if (bound != null) {
            try {
                bound.close();
            } catch (IOException e) {
                log.debug("closing the control socket: {}", e.getMessage());
            }
        }
        connections.shutdownNow();
        if (bound == null) {
            return; // never bound: the file, if any, is not ours
        }
        try {
            Files.deleteIfExists(socket);
        } catch (IOException e) {
            log.warn("could not remove the control socket {}: {}", socket, e.getMessage());
        }
    }
}
