package dev.zeroclaw.process;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A server's stderr lines on their way from the event loop to the listener, bounded as
 * {@link StderrRelay} bounds its queue ({@link StderrRelay#MAX_QUEUED_LINES} lines,
 * {@link StderrRelay#MAX_QUEUED_CHARS} characters): when full, lines are dropped and, once there is
 * room, one line says how many, where they were missing. The loop never waits for the listener.
 */
final class DiagnosticQueue implements StderrBounds {

    // Guards every field below: the loop offers, a worker polls.
    private final Object lock = new Object();
    private final Deque<String> lines = new ArrayDeque<>();
    private long chars;
    private long pendingDropped;
    private long droppedTotal;
    private int peak;
    private boolean ended;

    /**
     * Queues {@code line}, or drops it when the queue is full.
     *
     * @return whether the queue was empty before: whoever delivers must be told
     */
    boolean offer(String line) {
        synchronized (lock) {
            boolean wasEmpty = lines.isEmpty();
            if (pendingDropped > 0) {
                if (!fits(StderrRelay.droppedNotice(pendingDropped))) {
                    drop();
                    return false;
                }
                add(StderrRelay.droppedNotice(pendingDropped));
                pendingDropped = 0;
            }
            if (fits(line)) {
                add(line);
            } else {
                drop();
            }
            return wasEmpty && !lines.isEmpty();
        }
    }

    /**
     * The stream has ended: the count of lines dropped last comes after the lines queued, whatever
     * the budget.
     *
     * @return whether whoever delivers must be told
     */
    boolean finish() {
        synchronized (lock) {
            ended = true;
            return lines.isEmpty() && pendingDropped > 0;
        }
    }

    /** The next line to deliver, or null. */
    String poll() {
        synchronized (lock) {
            String line = lines.pollFirst();
            if (line != null) {
                chars -= line.length();
                return line;
            }
            if (ended && pendingDropped > 0) {
                line = StderrRelay.droppedNotice(pendingDropped);
                pendingDropped = 0;
            }
            return line;
        }
    }

    @Override
    public long droppedLines() {
        synchronized (lock) {
            return droppedTotal;
        }
    }

    @Override
    public int queuedPeak() {
        synchronized (lock) {
            return peak;
        }
    }

    private boolean fits(String line) {
        return lines.size() < StderrRelay.MAX_QUEUED_LINES && chars + line.length() <= StderrRelay.MAX_QUEUED_CHARS;
    }

    private void add(String line) {
        lines.addLast(line);
        chars += line.length();
        peak = Math.max(peak, lines.size());
    }

    private void drop() {
        pendingDropped++;
        droppedTotal++;
    }
}
