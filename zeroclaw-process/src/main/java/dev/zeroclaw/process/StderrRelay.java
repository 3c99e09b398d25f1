package dev.zeroclaw.process;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Carries a child's stderr to the listener line by line, without ever letting the child wait for
 * the listener and without memory growing with what the child writes.
 *
 * <p>Two threads: the reader drains the pipe as fast as the child fills it and puts lines, each
 * cut at {@link #MAX_LINE_BYTES}, into a queue of at most {@link #MAX_QUEUED_LINES}; the
 * deliverer takes them off and hands them to the listener. When the queue is full (by lines or by
 * {@link #MAX_QUEUED_CHARS}) the reader drops lines and, once there is room again, queues one line
 * saying how many it dropped, in the place where they were missing. So what this holds is bounded
 * by the queue's budget plus one line being read.
 */
final class StderrRelay implements StderrBounds {

    static final int MAX_QUEUED_LINES = 1_000;
    static final int MAX_LINE_BYTES = 8 * 1024;
    /** The queue's text budget (1 MiB of UTF-16), so a thousand long lines do not hold 16 MiB. */
    static final int MAX_QUEUED_CHARS = 512 * 1024;

    /** Marks the end of the stream in the queue; compared by identity. */
    private static final String END = new String("end of stderr");

    private final InputStream stderr;
    private final Consumer<String> deliver;
    private final Duration endGrace;
    private final BlockingQueue<String> queue;
    private final Thread reader;
    private final Thread deliverer;

    // Confined to the reader thread.
    private long pendingDropped;

    // Written by the reader thread, read by any (tests, status).
    private final AtomicLong droppedTotal = new AtomicLong();
    private final AtomicInteger queuedPeak = new AtomicInteger();
    // Characters in the queue: added by the reader before it queues a line, taken off by the deliverer.
    private final AtomicLong queuedChars = new AtomicLong();

    /**
     * @param deliver receives each line on the deliverer thread (the listener's onDiagnostic)
     * @param endGrace how long the reader waits, at the end of the stream, for room for its last
     *     lines before it gives up on a stuck listener
     */
    StderrRelay(InputStream stderr, Consumer<String> deliver, String threadNamePrefix, Duration endGrace) {
        this.stderr = requireNonNull(stderr, "stderr is null");
        this.deliver = requireNonNull(deliver, "deliver is null");
        requireNonNull(threadNamePrefix, "threadNamePrefix is null");
        this.endGrace = requireNonNull(endGrace, "endGrace is null");
        this.queue = new ArrayBlockingQueue<>(MAX_QUEUED_LINES);
        this.reader = daemonThread(this::read, threadNamePrefix + "-stderr");
        this.deliverer = daemonThread(this::deliver, threadNamePrefix + "-diagnostics");
    }

    void start() {
        reader.start();
        deliverer.start();
    }

    /** Waits until the stream has ended and every queued line was delivered; false when the deadline came first. */
    boolean awaitDelivered(Deadline deadline) throws InterruptedException {
        return deadline.join(reader) && deadline.join(deliverer);
    }

    /** Delivers nothing more: for after the transport has reported its end. */
    void abandon() {
        deliverer.interrupt();
    }

    boolean runsOn(Thread thread) {
        return thread == reader || thread == deliverer;
    }

    @Override
    public long droppedLines() {
        return droppedTotal.get();
    }

    @Override
    public int queuedPeak() {
        return queuedPeak.get();
    }

    private void read() {
        BoundedLineReader lines = new BoundedLineReader(stderr, MAX_LINE_BYTES,
                (bytes, length, bytesCut) -> enqueue(decode(bytes, length, bytesCut)));
        try {
            lines.run();
        } catch (IOException e) {
            // The pipe was closed under us after the transport ended; nothing is left to relay.
        }
        try {
            if (pendingDropped > 0) {
                // Waits for room, past the text budget by this one short line at most.
                String notice = droppedNotice(pendingDropped);
                queuedChars.addAndGet(notice.length());
                if (!queue.offer(notice, endGrace.toMillis(), TimeUnit.MILLISECONDS)) {
                    queuedChars.addAndGet(-notice.length());
                }
            }
            queue.offer(END, endGrace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void enqueue(String line) {
        if (pendingDropped > 0) {
            if (!tryQueue(droppedNotice(pendingDropped))) {
                drop();
                return;
            }
            pendingDropped = 0;
        }
        if (!tryQueue(line)) {
            drop();
        }
    }

    private boolean tryQueue(String line) {
        if (queuedChars.get() + line.length() > MAX_QUEUED_CHARS) {
            return false;
        }
        queuedChars.addAndGet(line.length());
        if (!queue.offer(line)) {
            queuedChars.addAndGet(-line.length());
            return false;
        }
        queuedPeak.accumulateAndGet(queue.size(), Math::max);
        return true;
    }

    private void drop() {
        pendingDropped++;
        droppedTotal.incrementAndGet();
    }

    private void deliver() {
        try {
            while (true) {
                String line = queue.take();
                if (line == END) {
                    return;
                }
                queuedChars.addAndGet(-line.length());
                try {
                    deliver.accept(line);
                } catch (RuntimeException e) {
                    // A failing listener must not stop the relay: the child would then block on a full pipe.
                }
            }
        } catch (InterruptedException e) {
            // abandon(): the transport has ended.
        }
    }

    static String decode(byte[] bytes, int length, long bytesCut) {
        int end = length;
        if (end > 0 && bytes[end - 1] == '\r') {
            end--;
        }
        String text = new String(bytes, 0, end, UTF_8);
        return bytesCut == 0 ? text : text + " [zeroclaw: line cut at 8 KiB, " + bytesCut + " more bytes dropped]";
    }

    static String droppedNotice(long lines) {
        return "[zeroclaw: dropped " + lines + " lines of stderr here: they came faster than the log took them]";
    }

    private static Thread daemonThread(Runnable body, String name) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        return thread;
    }
}
