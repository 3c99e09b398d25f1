package dev.zeroclaw.process;

import static java.util.Objects.requireNonNull;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs tasks one at a time, in the order given, on a shared pool: one server's callbacks keep their
 * order without a thread of their own. A failing task does not stop the lane.
 */
final class SerialLane {

    /** Tasks run per turn on a pool thread, so that a busy lane leaves room for the others. */
    private static final int BATCH = 64;

    private final Executor pool;
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    // True while a drain is queued on the pool or running: at most one at a time.
    private final AtomicBoolean scheduled = new AtomicBoolean();

    SerialLane(Executor pool) {
        this.pool = requireNonNull(pool, "pool is null");
    }

    void execute(Runnable task) {
        tasks.add(requireNonNull(task, "task is null"));
        if (scheduled.compareAndSet(false, true)) {
            pool.execute(this::drain);
        }
    }

    private void drain() {
        for (int i = 0; i < BATCH; i++) {
            Runnable task = tasks.poll();
            if (task == null) {
                break;
            }
            try {
                task.run();
            } catch (RuntimeException e) {
                // The task's failure is its own; the lane goes on with the next.
            }
        }
        scheduled.set(false);
        // A task added after the last poll, or a batch cut short: drain again.
        if (!tasks.isEmpty() && scheduled.compareAndSet(false, true)) {
            pool.execute(this::drain);
        }
    }
}
