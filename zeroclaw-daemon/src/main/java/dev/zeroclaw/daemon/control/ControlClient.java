package dev.zeroclaw.daemon.control;

import static java.util.Objects.requireNonNull;

import dev.zeroclaw.api.wire.JsonLineReader;
import dev.zeroclaw.daemon.report.JsonTree;
import java.io.IOException;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Sends one request to a running daemon's control socket and reads its reply. Plain JDK sockets and
 * jackson-core's streaming parser (through {@link JsonTree}), no databind: {@code zeroclaw status}
 * and {@code reload} run through here before anything else is loaded.
 */
public final class ControlClient {

    /** The file name of the control socket inside the runtime directory. */
    public static final String SOCKET_NAME = "control.sock";
    /** The longest reply taken: a status of thousands of servers fits many times over. */
    static final int MAX_REPLY_BYTES = 64 * 1024 * 1024;

    /**
     * How long {@code zeroclaw reload} and {@code status} keep asking a daemon that answers
     * "busy" before they give up with their own exit code.
     */
    public static final Duration BUSY_PATIENCE = Duration.ofSeconds(5);

    public ControlClient() {}

    /**
     * Sends {@code request} (one JSON text on one line), and again while the daemon answers "busy", until {@code patience}
     * has passed. Safe for every request: a busy daemon has not looked at it.
     *
     * @throws DaemonBusyException when the daemon was still busy when patience ran out
     * @throws DaemonUnreachableException when no daemon answers on {@code socket}
     */
    public JsonTree send(Path socket, String request, Duration patience)
            throws DaemonUnreachableException, DaemonBusyException {
        requireNonNull(patience, "patience is null");
        long end = System.nanoTime() + patience.toNanos();
        long pauseMillis = 50;
        while (true) {
            try {
                return send(socket, request);
            } catch (DaemonBusyException e) {
                if (System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(pauseMillis) - end > 0) {
                    throw e;
                }
            }
            try {
                Thread.sleep(pauseMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DaemonBusyException("the daemon at " + socket + " is busy; interrupted while waiting to retry");
            }
            pauseMillis = Math.min(pauseMillis * 2, 500);
        }
    }

    /**
     * Sends {@code request} once.
     *
     * @throws DaemonBusyException when every control connection of the daemon is in use
     * @throws DaemonUnreachableException when no daemon answers on {@code socket}, with a sentence
     *     saying why
     */
    public JsonTree send(Path socket, String request) throws DaemonUnreachableException, DaemonBusyException {
        requireNonNull(request, "request is null");
        try (SocketChannel channel = connect(socket, request)) {
            Optional<String> line = new JsonLineReader(Channels.newInputStream(channel), MAX_REPLY_BYTES).next();
            if (line.isEmpty()) {
                throw new DaemonUnreachableException("the daemon at " + socket + " closed the connection without answering");
            }
            JsonTree reply = JsonTree.parse(line.get());
            if (reply.path("busy").asBoolean(false)) {
                throw new DaemonBusyException("the daemon at " + socket + " is busy: " + reply.path("error").asText());
            }
            return reply;
        } catch (IOException e) {
            throw new DaemonUnreachableException("no zeroclaw daemon answers at " + socket + ": " + e.getMessage());
        }
    }

    /**
     * Sends a request that follows something ({@code "follow": true}) and hands each reply, one per
     * line, to {@code replies} until it returns false. Returns then; it never returns otherwise.
     *
     * @throws DaemonBusyException when the daemon refused for now (every connection, or every follower's place, in use)
     * @throws DaemonUnreachableException when no daemon answers, or when the daemon went away while
     *     being followed (it stopped)
     */
    public void follow(Path socket, String request, Predicate<JsonTree> replies)
            throws DaemonUnreachableException, DaemonBusyException {
        requireNonNull(request, "request is null");
        requireNonNull(replies, "replies is null");
        boolean answered = false;
        try (SocketChannel channel = connect(socket, request)) {
            JsonLineReader lines = new JsonLineReader(Channels.newInputStream(channel), MAX_REPLY_BYTES);
            while (true) {
                Optional<String> line = lines.next();
                if (line.isEmpty()) {
                    throw new DaemonUnreachableException(answered ? "the daemon at " + socket + " has gone away"
                            : "the daemon at " + socket + " closed the connection without answering");
                }
                JsonTree reply = JsonTree.parse(line.get());
                if (!answered && reply.path("busy").asBoolean(false)) {
                    throw new DaemonBusyException("the daemon at " + socket + " is busy: " + reply.path("error").asText());
                }
                answered = true;
                if (!replies.test(reply)) {
                    return;
                }
            }
        } catch (IOException e) {
            throw new DaemonUnreachableException(answered ? "the daemon at " + socket + " has gone away: " + e.getMessage()
                    : "no zeroclaw daemon answers at " + socket + ": " + e.getMessage());
        }
    }

    /** A connection to the daemon with {@code request} sent on it, one line. */
    private static SocketChannel connect(Path socket, String request) throws DaemonUnreachableException, IOException {
        if (!Files.exists(socket)) {
            throw new DaemonUnreachableException("no zeroclaw daemon is running: there is no control socket at " + socket);
        }
        SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            channel.connect(UnixDomainSocketAddress.of(socket));
            // The request, then its line end: no string concatenation, whose first use costs the client
            // commands milliseconds of method-handle spinning (docs/benchmarks.md, "Client commands").
            OutputStream out = Channels.newOutputStream(channel);
            out.write(request.getBytes(StandardCharsets.UTF_8));
            out.write('\n');
            return channel;
        } catch (IOException e) {
            channel.close();
            throw e;
        }
    }
}
