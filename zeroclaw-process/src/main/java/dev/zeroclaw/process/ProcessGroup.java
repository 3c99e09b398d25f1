package dev.zeroclaw.process;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import jnr.constants.platform.Errno;
import jnr.posix.POSIX;
import jnr.posix.POSIXFactory;

/**
 * A process group: a server's leader and every process it started that stayed in its group.
 *
 * <p>A stdio server is launched as the leader of its own session and group, so its group id is its
 * pid. Signalling the group reaches the grandchildren a server forks (a shell wrapper's child, an
 * {@code npx} launcher's node process), which signalling the leader alone would miss.
 *
 * <p>Membership is read from {@code /proc}; a process that moved itself to another group or
 * session ({@code setsid}, a classic daemon) is no longer a member and is out of reach here.
 */
public final class ProcessGroup {

    private final long id;

    private ProcessGroup(long id) {
        if (id <= 1) {
            // kill(-1, ...) would signal every process the daemon may signal; 0 its own group.
            throw new IllegalArgumentException("process group id must be greater than 1: " + id);
        }
        this.id = id;
    }

    /** The group with this id (the pid of its leader). */
    public static ProcessGroup of(long id) {
        return new ProcessGroup(id);
    }

    /**
     * The group that {@code leader} leads or led, if any of it still runs; empty when nothing of it
     * runs (zombies, dead but not reaped by their parent, do not count) or when the pid now belongs
     * to another process.
     *
     * <p>This is how a daemon cleans up after a predecessor that was killed before it could stop
     * its servers: it recorded each leader's identity, and signals only what this method returns.
     * It is safe because the kernel does not reuse a pid while any process still has it as its
     * group id: if the leader is gone but members are left, they are the leader's.
     */
    public static Optional<ProcessGroup> ledBy(ProcessIdentity leader) {
        requireNonNull(leader, "leader is null");
        Optional<ProcessStat> now = ProcessStat.read(leader.pid());
        if (now.isPresent()) {
            ProcessStat stat = now.get();
            boolean same = stat.startTime() == leader.startTime() && stat.processGroup() == leader.pid();
            return same ? Optional.of(of(leader.pid())) : Optional.empty();
        }
        ProcessGroup group = of(leader.pid());
        return group.isAlive() ? Optional.of(group) : Optional.empty();
    }

    /** The group id, which is the leader's pid. */
    public long id() {
        return id;
    }

    /**
     * Sends {@code signal} (e.g. {@code 15} for SIGTERM, {@code 9} for SIGKILL) to every member.
     *
     * @return {@code true} when at least one member got it, {@code false} when the group has no
     *     member left
     * @throws IOException when the kernel refused (the daemon lacks permission, say), or
     *     jnr-posix's native library could not be loaded
     */
    public boolean signal(int signal) throws IOException {
        POSIX posix;
        try {
            posix = NativePosix.INSTANCE;
        } catch (LinkageError e) {
            // jffi could not load its native library (a noexec temporary directory, say). Reported
            // as an I/O failure so that a stop falls back to what the JDK can do, instead of dying.
            throw new IOException("could not send signal " + signal + " to process group " + id
                    + ": the native library for kill(2) did not load: " + e);
        }
        if (posix.kill(-id, signal) == 0) {
            return true;
        }
        int errno = posix.errno();
        if (errno == Errno.ESRCH.intValue()) {
            return false;
        }
        throw new IOException("could not send signal " + signal + " to process group " + id + ": "
                + Errno.valueOf(errno).description());
    }

    /** The pids of every member, zombies included, in no particular order. */
    public List<Long> members() {
        return ProcessStat.all().stream()
                .filter(stat -> stat.processGroup() == id)
                .map(ProcessStat::pid)
                .toList();
    }

    /** Whether any member still runs (zombies, exited but not reaped by their parent, do not). */
    public boolean isAlive() {
        return ProcessStat.all().stream().anyMatch(stat -> stat.processGroup() == id && !stat.isZombie());
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ProcessGroup group && group.id == id;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(id);
    }

    @Override
    public String toString() {
        return "process group " + id;
    }

    /** Loaded on first use, so that merely naming a group does not load native code. */
    private static final class NativePosix {
        // The native implementation: the pure-Java fallback cannot signal a group.
        static final POSIX INSTANCE = POSIXFactory.getNativePOSIX();
    }
}
