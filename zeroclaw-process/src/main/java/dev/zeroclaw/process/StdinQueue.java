package dev.zeroclaw.process;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * What is waiting to be written to one server's stdin, bounded in bytes, so that nobody who sends
 * ever waits on a pipe the server does not read: a full queue refuses the message at once.
 *
 * <p>One writer takes lines off ({@link #awaitNext} on a thread of its own, or {@link #next} on the
 * event loop) and reports each once written ({@link #written}); a line taken off still counts
 * against the bound until then. {@code onChange} runs after every send, close or abandon, outside
 * the lock, for a writer that must be told rather than woken.
 */
final class StdinQueue {

    /**
     * The most a server may have queued and unwritten: twice the largest message the gateway accepts
     * (4 MiB), so that one large call always fits behind a few small ones.
     */
    static final long MAX_QUEUED_BYTES = 8L * 1024 * 1024;

    private final String serverName;
    private final long maxQueuedBytes;
    private final Runnable onChange;

    // Guards every field below; a writer thread waits on it.
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
    StdinQueue(String serverName, long maxQueuedBytes, Runnable onChange) {
        this.serverName = requireNonNull(serverName, "serverName is null");
        if (maxQueuedBytes <= 0) {
            throw new IllegalArgumentException("maxQueuedBytes must be positive: " + maxQueuedBytes);
        }
        this.maxQueuedBytes = maxQueuedBytes;
        this.onChange = requireNonNull(onChange, "onChange is null");
    }

    /**
     * Queues {@code line}, which is written whole and after every line queued before it.
     *
     * @throws IOException at once when the queue is full (the server is not reading its stdin), the
     *     queue is closed, or an earlier write failed
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
        onChange.run();
    }

    /** Takes no more messages; those queued are still written, then stdin is to be closed. */
    void close() {
        synchronized (lock) {
            closing = true;
            lock.notifyAll();
        }
        onChange.run();
    }

    /** Takes no more messages and drops those queued: nobody is left to read them. */
    void abandon() {
        synchronized (lock) {
            dropQueued();
        }
        onChange.run();
    }

    /** Writing failed: later sends say why, and what is queued is dropped. */
    void fail(String reason) {
        synchronized (lock) {
            failure = String.valueOf(reason);
            dropQueued();
        }
        onChange.run();
    }

    /** The next line to write, or null when none is queued now. */
    byte[] next() {
        synchronized (lock) {
            return queue.pollFirst();
        }
    }

    /** Waits for the next line to write; null once closing and nothing is left. */
    byte[] awaitNext() throws InterruptedException {
        synchronized (lock) {
            while (queue.isEmpty() && !closing) {
                lock.wait();
            }
            return queue.pollFirst();
        }
    }

    /** Whether stdin is to be closed once nothing is queued. */
    boolean isClosing() {
        synchronized (lock) {
            return closing;
        }
    }

    /** A line taken off with {@link #next} or {@link #awaitNext} is written (or given up on). */
    void written(byte[] line) {
        synchronized (lock) {
            queuedBytes -= line.length;
        }
    }

    private void dropQueued() {
        closing = true;
        for (byte[] line : queue) {
            queuedBytes -= line.length;
        }
        queue.clear();
        lock.notifyAll();
    }

    private static long kib(long bytes) {
        return (bytes + 1023) / 1024;
    }
}
