package dev.zeroclaw.process;

import java.util.Optional;

/**
 * One process, told apart from any later process that reuses its pid: the pid plus the time the
 * process started ({@code /proc/<pid>/stat} field 22).
 *
 * <p>A daemon records this for each server it starts. After a restart it checks the record with
 * {@link #isRunning()} (or {@link ProcessGroup#ledBy}) before it signals anything, so that it
 * never kills an unrelated process that happens to have been given the same pid.
 *
 * @param pid the process id
 * @param startTime clock ticks after boot at which the process started; only compared, never
 *     converted to wall-clock time
 */
public record ProcessIdentity(long pid, long startTime) {

    public ProcessIdentity {
        if (pid <= 0) {
            throw new IllegalArgumentException("pid must be positive: " + pid);
        }
        if (startTime < 0) {
            throw new IllegalArgumentException("startTime must not be negative: " + startTime);
        }
    }

    /** The identity of the process that has {@code pid} now; empty when there is none. */
    public static Optional<ProcessIdentity> of(long pid) {
        if (pid <= 0) {
            throw new IllegalArgumentException("pid must be positive: " + pid);
        }
        return ProcessStat.read(pid).map(stat -> new ProcessIdentity(stat.pid(), stat.startTime()));
    }

    /**
     * Whether this very process still runs: its pid exists, started at the recorded time, and has
     * not exited (a zombie, exited but not yet reaped, counts as not running).
     */
    public boolean isRunning() {
        return ProcessStat.read(pid)
                .filter(stat -> stat.startTime() == startTime)
                .filter(stat -> !stat.isZombie())
                .isPresent();
    }

    /** Whether the kernel still has an entry for this very process, running or zombie. */
    public boolean exists() {
        return ProcessStat.read(pid).filter(stat -> stat.startTime() == startTime).isPresent();
    }
}
