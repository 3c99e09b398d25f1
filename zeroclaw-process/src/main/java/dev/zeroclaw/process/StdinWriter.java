package dev.zeroclaw.process;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Writes one server's stdin on a thread of its own, from a queue bounded in bytes, so that nobody
 * who sends ever waits on a pipe the server does not read: a full queue refuses the message at once.
 *
 * <p>Life: {@link #start}, {@link #send} from any thread, then {@link #close} (what is queued is
 * still written, then stdin is closed) or {@link #abandon} (what is queued is dropped). Either way
 * the thread closes stdin and ends once its write under way returns.
 */
final class StdinWriter {

    /**
     * The most a server may have queued and unwritten: twice the largest message the gateway accepts
     * (4 MiB), so that one large call always fits behind a few small ones.
     */
    static final long MAX_QUEUED_BYTES = 8L * 1024 * 1024;

    private final OutputStream stdin;
    private final String serverName;
    private final long maxQueuedBytes;
    private final Thread thread;

    // Guards every field below; the writer thread waits on it.
    private final Object lock = new Object();
    private final Deque<byte[]> queue = new ArrayDeque<>();
    // Bytes queued plus the line being written: a write blocked on a full pipe still counts.
    private long queuedBytes;
    // No more sends: set by close(), abandon(), or a failed write.
    private boolean closing;
    // Why writing failed, once it did; later sends say so.
    private String failure;

    /**
     * @param serverName named in the message of a refused send
     * @param maxQueuedBytes the bound; one message is always taken when nothing is queued, however long
     */
    StdinWriter(OutputStream stdin, String serverName, long maxQueuedBytes, String threadName) {
        this.stdin = requireNonNull(stdin, "stdin is null");
        this.serverName = requireNonNull(serverName, "serverName is null");
        if (maxQueuedBytes <= 0) {
            throw new IllegalArgumentException("maxQueuedBytes must be positive: " + maxQueuedBytes);
        }
        this.maxQueuedBytes = maxQueuedBytes;
        this.thread = new Thread(this::run, requireNonNull(threadName, "threadName is null"));
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /**
     * Queues {@code line}, which is written whole and after every line queued before it.
     *
     * @throws IOException at once when the queue is full (the server is not reading its stdin), the
     *     writer is closed, or an earlier write failed
     */
    void send(byte[] line) throws IOException {
        requireNonNull(line, "line is null");
        synchronized (lock) {
            if (failure != null) {
                throw new IOException("message not sent: could not write to the stdin of server '" + serverName + "': " + failure);
            }
            if (closing) {
                throw new IOException("message not sent: the server is stopping or has ended");
            }
            if (queuedBytes > 0 && queuedBytes + line.length > maxQueuedBytes) {
                throw new IOException("server '" + serverName + "' is not reading its stdin: " + kib(queuedBytes)
                        + " KiB queued (limit " + kib(maxQueuedBytes) + " KiB); message not sent");
            }
            queue.addLast(line);
            queuedBytes += line.length;
            lock.notifyAll();
        }
    }

    /** Takes no more messages; those queued are still written, then stdin is closed. */
    void close() {
        synchronized (lock) {
            closing = true;
            lock.notifyAll();
        }
    }

    /** Takes no more messages and drops those queued: nobody is left to read them. */
    void abandon() {
        synchronized (lock) {
            closing = true;
            for (byte[] line : queue) {
                queuedBytes -= line.length;
            }
            queue.clear();
            lock.notifyAll();
        }
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
            for (byte[] line = next(); line != null; line = next()) {
                try {
                    stdin.write(line);
                    stdin.flush();
                } catch (IOException e) {
                    failed(e);
                    return;
                } finally {
                    written(line);
                }
            }
        } catch (InterruptedException e) {
            // Nobody interrupts this thread; if something does, stop writing as if abandoned.
            abandon();
        } finally {
            closeQuietly();
        }
    }

    /** The next line to write, or null once closing and nothing is left. */
    private byte[] next() throws InterruptedException {
        synchronized (lock) {
            while (queue.isEmpty() && !closing) {
                lock.wait();
            }
            return queue.pollFirst();
        }
    }

    private void written(byte[] line) {
        synchronized (lock) {
            queuedBytes -= line.length;
        }
    }

    private void failed(IOException e) {
        synchronized (lock) {
            failure = String.valueOf(e.getMessage());
            abandon();
        }
    }

    private void closeQuietly() {
        try {
            stdin.close();
        } catch (IOException e) {
            // Already broken: the server closed its end. Closed either way.
        }
    }

    private static long kib(long bytes) {
        return (bytes + 1023) / 1024;
    }
}
