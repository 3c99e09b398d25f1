package dev.zeroclaw.process;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A launched stdio server as {@link StdioTransport} drives it: with a thread per stream
 * ({@link LaunchedServer}) or on the shared event loop ({@link ReactorServer}).
 */
interface RunningServer {

    long pid();

    /**
     * Queues one message (without its line end) and returns at once.
     *
     * @throws IOException when the server is stopping, an earlier write failed, it is not reading
     *     its stdin and {@link StdinQueue#MAX_QUEUED_BYTES} are queued, or the message holds a newline
     */
    void send(String message) throws IOException;

    /**
     * Stops the server with the stop sequence, unless a stop is already under way, and waits until
     * the leader is reaped and its group swept; from a thread that serves servers it only starts the stop.
     */
    void close(Duration stepDeadline);

    /** The stderr relay's bounds, for tests. */
    StderrBounds stderr();

    /**
     * The bytes to queue for {@code message}, or why it is refused: it holds a newline, or the
     * server is {@code stopping}.
     */
    static byte[] line(String message, boolean stopping) throws IOException {
        requireNonNull(message, "message is null");
        if (message.indexOf('\n') >= 0) {
            throw new IOException("message not sent: it contains a raw newline, and a stdio transport sends "
                    + "one message per line");
        }
        if (stopping) {
            throw new IOException("message not sent: the server is stopping or has ended");
        }
        return (message + "\n").getBytes(UTF_8);
    }

    /** Waits for {@code exited}, as long as a stop with {@code stepDeadline} can take; never throws. */
    static void awaitExit(CompletableFuture<Void> exited, Duration stepDeadline) {
        try {
            exited.get(StopRequest.exitBound(stepDeadline).toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // The leader did not go even after SIGKILL (stuck in the kernel): close() must return.
        }
    }
}
