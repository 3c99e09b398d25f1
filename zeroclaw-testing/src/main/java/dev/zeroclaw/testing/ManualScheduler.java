package dev.zeroclaw.testing;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.Delayed;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A {@link ScheduledExecutorService} whose time stands still until a test moves it: nothing
 * runs until {@link #advance} or {@link #runNext}, and then on the test's thread, in the order of
 * due time (then of scheduling). A backoff of a minute costs a test nothing, and what the code
 * under test scheduled can be read ({@link #pendingDelays}) rather than timed.
 *
 * <p>Thread-safe: the code under test may schedule from any thread. {@link #execute} queues a task
 * due now; it too runs only when the test steps.
 */
public final class ManualScheduler extends AbstractExecutorService implements ScheduledExecutorService {

    // Guarded by this: the virtual time, in nanoseconds since creation; the tasks not yet run or
    // cancelled; a tie-breaker that keeps scheduling order among tasks due at once.
    private long nowNanos;
    private long sequence;
    private boolean shutdown;
    private final PriorityQueue<Task<?>> queue = new PriorityQueue<>(
            Comparator.<Task<?>>comparingLong(task -> task.dueNanos).thenComparingLong(task -> task.sequence));

    /** The time since creation, as far as this scheduler knows. */
    public synchronized Duration now() {
        return Duration.ofNanos(nowNanos);
    }

    /**
     * Moves time forward by {@code step}, running every task that falls due on the way, at its
     * due time (a periodic task as often as it falls due). Returns how many runs there were.
     */
    public int advance(Duration step) {
        requireNonNull(step, "step is null");
        if (step.isNegative()) {
            throw new IllegalArgumentException("time does not go back: " + step);
        }
        long target;
        synchronized (this) {
            target = nowNanos + step.toNanos();
        }
        int runs = 0;
        while (true) {
            Task<?> next;
            synchronized (this) {
                next = queue.peek();
                if (next == null || next.dueNanos > target) {
                    nowNanos = target;
                    return runs;
                }
                queue.poll();
                nowNanos = Math.max(nowNanos, next.dueNanos);
            }
            next.runOnce();
            runs++;
        }
    }

    /**
     * Moves time to the earliest pending task and runs it (and nothing else); returns the time
     * that passed, or throws when nothing is pending.
     */
    public Duration runNext() {
        Task<?> next;
        long waited;
        synchronized (this) {
            next = queue.poll();
            if (next == null) {
                throw new IllegalStateException("no task is pending");
            }
            waited = Math.max(0, next.dueNanos - nowNanos);
            nowNanos += waited;
        }
        next.runOnce();
        return Duration.ofNanos(waited);
    }

    /** The delays from now to each pending task, earliest first. */
    public synchronized List<Duration> pendingDelays() {
        List<Task<?>> tasks = new ArrayList<>(queue);
        tasks.sort(queue.comparator());
        return tasks.stream().map(task -> Duration.ofNanos(Math.max(0, task.dueNanos - nowNanos))).toList();
    }

    /** How many tasks wait to run. */
    public synchronized int pending() {
        return queue.size();
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
        requireNonNull(command, "command is null");
        return enqueue(new Task<>(this, () -> {
            command.run();
            return null;
        }, unit.toNanos(delay), 0));
    }

    @Override
    public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
        requireNonNull(callable, "callable is null");
        return enqueue(new Task<>(this, callable, unit.toNanos(delay), 0));
    }

    @Override
    public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit) {
        return periodic(command, initialDelay, period, unit);
    }

    /** Here the same as a fixed rate: a task takes no virtual time. */
    @Override
    public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay, TimeUnit unit) {
        return periodic(command, initialDelay, delay, unit);
    }

    @Override
    public void execute(Runnable command) {
        schedule(command, 0, TimeUnit.NANOSECONDS);
    }

    @Override
    public synchronized void shutdown() {
        shutdown = true;
    }

    @Override
    public synchronized List<Runnable> shutdownNow() {
        shutdown = true;
        List<Runnable> left = new ArrayList<>(queue);
        queue.clear();
        return left;
    }

    @Override
    public synchronized boolean isShutdown() {
        return shutdown;
    }

    @Override
    public synchronized boolean isTerminated() {
        return shutdown && queue.isEmpty();
    }

    @Override
    public synchronized boolean awaitTermination(long timeout, TimeUnit unit) {
        return isTerminated();
    }

    private ScheduledFuture<?> periodic(Runnable command, long initialDelay, long period, TimeUnit unit) {
        requireNonNull(command, "command is null");
        if (period <= 0) {
            throw new IllegalArgumentException("period must be positive: " + period);
        }
        return enqueue(new Task<>(this, () -> {
            command.run();
            return null;
        }, unit.toNanos(initialDelay), unit.toNanos(period)));
    }

    private <V> Task<V> enqueue(Task<V> task) {
        synchronized (this) {
            if (shutdown) {
                throw new RejectedExecutionException("the scheduler is shut down");
            }
            task.dueNanos = nowNanos + Math.max(0, task.delayNanos);
            task.sequence = sequence++;
            queue.add(task);
        }
        return task;
    }

    private synchronized void requeue(Task<?> task) {
        if (shutdown) {
            return;
        }
        task.dueNanos += task.periodNanos;
        task.sequence = sequence++;
        queue.add(task);
    }

    private synchronized void remove(Task<?> task) {
        queue.remove(task);
    }

    private synchronized long delayNanos(Task<?> task) {
        return task.dueNanos - nowNanos;
    }

    /** One scheduled task; a periodic one goes back into the queue after each run. */
    private static final class Task<V> extends FutureTask<V> implements ScheduledFuture<V> {

        private final ManualScheduler scheduler;
        private final long delayNanos;
        private final long periodNanos;
        // Guarded by the scheduler.
        private long dueNanos;
        private long sequence;

        Task(ManualScheduler scheduler, Callable<V> callable, long delayNanos, long periodNanos) {
            super(callable);
            this.scheduler = scheduler;
            this.delayNanos = delayNanos;
            this.periodNanos = periodNanos;
        }

        void runOnce() {
            if (periodNanos == 0) {
                run();
            } else if (runAndReset()) {
                scheduler.requeue(this);
            }
        }

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            boolean cancelled = super.cancel(mayInterruptIfRunning);
            scheduler.remove(this);
            return cancelled;
        }

        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(scheduler.delayNanos(this), TimeUnit.NANOSECONDS);
        }

        @Override
        public int compareTo(Delayed other) {
            return Long.compare(getDelay(TimeUnit.NANOSECONDS), other.getDelay(TimeUnit.NANOSECONDS));
        }
    }
}
