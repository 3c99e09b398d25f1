package dev.zeroclaw.process;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes one server's stdin on a thread of its own, from a {@link StdinQueue}, so that nobody who
 * sends ever waits on a pipe the server does not read: a full queue refuses the message at once.
 *
 * <p>Life: {@link #start}, {@link #send} from any thread, then {@link #close} (what is queued is
 * still written, then stdin is closed) or {@link #abandon} (what is queued is dropped). Either way
 * the thread closes stdin and ends once its write under way returns.
 */
final class StdinWriter {

    /** See {@link StdinQueue#MAX_QUEUED_BYTES}. */
    static final long MAX_QUEUED_BYTES = StdinQueue.MAX_QUEUED_BYTES;

    private final OutputStream stdin;
    private final StdinQueue queue;
    private final Thread thread;

    /**
     * @param serverName named in the message of a refused send
     * @param maxQueuedBytes the bound; one message is always taken when nothing is queued, however long
     */
    StdinWriter(OutputStream stdin, String serverName, long maxQueuedBytes, String threadName) {
        this.stdin = requireNonNull(stdin, "stdin is null");
        // The writer thread waits on the queue's own lock: nothing more to tell it.
        this.queue = new StdinQueue(serverName, maxQueuedBytes, () -> { });
        this.thread = new Thread(this::run, requireNonNull(threadName, "threadName is null"));
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** See {@link StdinQueue#send}. */
    void send(byte[] line) throws IOException {
        queue.send(line);
    }

    /** Takes no more messages; those queued are still written, then stdin is closed. */
    void close() {
        queue.close();
    }

    /** Takes no more messages and drops those queued: nobody is left to read them. */
    void abandon() {
        queue.abandon();
    }

    boolean runsOn(Thread candidate) {
        return candidate == thread;
    }

    /** For tests: the thread ended. */
    boolean awaitEnd(long millis) throws InterruptedException {
        thread.join(millis);
        return !thread.isAlive();
    }

    private void run() {
        try {
            for (byte[] line = queue.awaitNext(); line != null; line = queue.awaitNext()) {
                try {
                    stdin.write(line);
                    stdin.flush();
                } catch (IOException e) {
                    queue.fail(e.getMessage());
                    return;
                } finally {
                    queue.written(line);
                }
            }
        } catch (InterruptedException e) {
            // Nobody interrupts this thread; if something does, stop writing as if abandoned.
            abandon();
        } finally {
            closeQuietly();
        }
    }

    private void closeQuietly() {
        try {
            stdin.close();
        } catch (IOException e) {
            // Already broken: the server closed its end. Closed either way.
        }
    }
}
