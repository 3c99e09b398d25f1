package dev.zeroclaw.daemon.follow;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.LongFunction;

/**
 * What one follower ({@code zeroclaw logs -f}, {@code events -f}) has yet to read: the producer
 * (a server's stderr relay, a state change) never waits for it. When it holds {@code maxItems}
 * items or {@code maxWeight} characters, new items are dropped and counted; the next item that
 * fits is preceded by one notice saying how many were dropped, where they were missing.
 *
 * <p>Every field is guarded by {@code this}.
 *
 * @param <T> an item, for instance one JSON object
 */
public final class FollowQueue<T> {

    private record Weighed<T>(T item, int weight) {}

    private final int maxItems;
    private final long maxWeight;
    private final LongFunction<T> droppedNotice;
    private final Deque<Weighed<T>> items = new ArrayDeque<>();
    private long weight;
    private long pendingDropped;
    private long droppedTotal;
    private boolean closed;

    /** @param droppedNotice the item that says how many items were dropped before it */
    public FollowQueue(int maxItems, long maxWeight, LongFunction<T> droppedNotice) {
        if (maxItems <= 0 || maxWeight <= 0) {
            throw new IllegalArgumentException("bounds must be positive: " + maxItems + " items, " + maxWeight + " weight");
        }
        this.maxItems = maxItems;
        this.maxWeight = maxWeight;
        this.droppedNotice = requireNonNull(droppedNotice, "droppedNotice is null");
    }

    /**
     * Queues {@code item} (weighing {@code itemWeight}, its length in characters, say) unless the
     * queue is full; never waits.
     *
     * @return false when it was dropped (or the follower has gone)
     */
    public synchronized boolean offer(T item, int itemWeight) {
        requireNonNull(item, "item is null");
        if (closed) {
            return false;
        }
        if (pendingDropped > 0) {
            T notice = droppedNotice.apply(pendingDropped);
            // The notice is small: it needs one slot, not the budget.
            if (items.size() + 2 > maxItems || weight + itemWeight > maxWeight) {
                drop();
                return false;
            }
            items.addLast(new Weighed<>(notice, 0));
            pendingDropped = 0;
        } else if (items.size() + 1 > maxItems || weight + itemWeight > maxWeight) {
            drop();
            return false;
        }
        items.addLast(new Weighed<>(item, itemWeight));
        weight += itemWeight;
        notifyAll();
        return true;
    }

    /**
     * The next item, waiting at most {@code wait} for one; null when none came. Once the queue is
     * empty, lines dropped at its end come as their notice.
     */
    public synchronized T poll(Duration wait) throws InterruptedException {
        long end = System.nanoTime() + wait.toNanos();
        while (items.isEmpty() && pendingDropped == 0 && !closed) {
            long left = end - System.nanoTime();
            if (left <= 0) {
                return null;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        Weighed<T> next = items.pollFirst();
        if (next != null) {
            weight -= next.weight();
            return next.item();
        }
        if (pendingDropped > 0) {
            T notice = droppedNotice.apply(pendingDropped);
            pendingDropped = 0;
            return notice;
        }
        return null;
    }

    /** Items dropped so far, for tests and the follower's own notices. */
    public synchronized long droppedTotal() {
        return droppedTotal;
    }

    /** The follower has gone: nothing more is queued. */
    public synchronized void close() {
        closed = true;
        items.clear();
        weight = 0;
        notifyAll();
    }

    public synchronized boolean isClosed() {
        return closed;
    }

    private void drop() {
        pendingDropped++;
        droppedTotal++;
    }
}
