package dev.zeroclaw.process;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import jnr.posix.POSIX;
import jnr.posix.POSIXFactory;

/**
 * A server's descendants that its process group does not hold: processes that moved to a session
 * of their own ({@code setsid}, a classic daemon's double fork). Signalling the group misses them,
 * so they are tracked by two marks: the parent chain from the leader, recorded while it is intact
 * ({@link #remember}), and the {@link ProcessTag} in their environment, which survives their
 * parent's exit.
 *
 * <p>{@link #stop} SIGTERMs them, SIGKILLs what is left after a grace, and reaps the ones
 * re-parented to the daemon (a {@link Subreaper}), only by their own pids: the JDK's own children
 * are waited for by the JDK, and reaping one here would steal its exit status.
 */
final class EscapedProcesses {

    /** How long escaped processes have to exit on SIGTERM before SIGKILL. */
    static final Duration TERM_GRACE = Duration.ofSeconds(1);
    /** How long to wait for the kernel to finish off killed processes, to reap them. */
    static final Duration REAP_WAIT = Duration.ofSeconds(2);

    private static final int WNOHANG = 1;

    private final long leader;
    // When the leader started (clock ticks after boot); 0 when it could not be read.
    private final long leaderStart;
    private final ProcessTag tag;
    // Descendants seen while the parent chain was intact; added to by whoever records, read by the stop.
    private final Set<ProcessIdentity> seen = ConcurrentHashMap.newKeySet();

    EscapedProcesses(long leader, ProcessTag tag) {
        this.leader = leader;
        this.leaderStart = ProcessStat.read(leader).map(ProcessStat::startTime).orElse(0L);
        this.tag = requireNonNull(tag, "tag is null");
    }

    /** Records the leader's descendants as they are now, outside its group included. */
    void remember() {
        List<ProcessStat> all = ProcessStat.all();
        for (ProcessStat stat : descendants(all, Set.of(leader))) {
            seen.add(new ProcessIdentity(stat.pid(), stat.startTime()));
        }
    }

    /**
     * {@link #stop}, with a line for the log in {@code notice} when something had escaped or could
     * not be looked for.
     */
    void sweep(Consumer<String> notice) {
        List<Long> stopped;
        try {
            stopped = stop();
        } catch (RuntimeException e) {
            notice.accept("[zeroclaw: could not look for processes that left the server's process group: "
                    + e.getMessage() + "]");
            return;
        }
        if (!stopped.isEmpty()) {
            notice.accept("[zeroclaw: stopped " + stopped.size() + " process(es) the server started outside its "
                    + "process group: pid " + stopped.stream().map(String::valueOf).collect(Collectors.joining(", "))
                    + "]");
        }
    }

    /**
     * Stops every descendant that is outside the leader's process group: those recorded, their
     * descendants, and whatever carries the launch's tag. Call once the leader is gone.
     *
     * @return the pids stopped, empty when nothing had escaped
     */
    List<Long> stop() {
        long self = ProcessHandle.current().pid();
        // As a subreaper, the orphans are our own children: only their environments are read, as
        // reading a busy process's environment waits for its memory map lock.
        boolean orphansComeHere = Subreaper.isActive();
        List<ProcessStat> all = ProcessStat.all();
        Set<Long> roots = new LinkedHashSet<>();
        for (ProcessStat stat : all) {
            boolean recorded = seen.contains(new ProcessIdentity(stat.pid(), stat.startTime()));
            boolean orphan = !orphansComeHere || stat.parentPid() == self;
            // Only a process started since the leader can be its descendant: the environments of the
            // rest (often busy processes, whose environment read waits for their memory map) are not read.
            boolean since = stat.startTime() >= leaderStart;
            if (stat.pid() != self && stat.pid() != leader && (recorded || orphan && since && tag.isCarriedBy(stat.pid()))) {
                roots.add(stat.pid());
            }
        }
        Map<Long, ProcessStat> targets = new HashMap<>();
        all.stream().filter(stat -> roots.contains(stat.pid())).forEach(stat -> targets.put(stat.pid(), stat));
        descendants(all, roots).forEach(stat -> targets.put(stat.pid(), stat));
        targets.remove(self);
        targets.values().removeIf(stat -> stat.processGroup() == leader || stat.isZombie() && stat.parentPid() != self);
        // The group was swept already; its members that were re-parented here are ours to reap.
        List<Long> reapable = new ArrayList<>(targets.keySet());
        all.stream().filter(stat -> stat.processGroup() == leader && stat.pid() != leader).map(ProcessStat::pid)
                .forEach(reapable::add);
        if (targets.isEmpty()) {
            reap(reapable, self);
            return List.of();
        }
        List<ProcessHandle> handles = new ArrayList<>();
        for (ProcessStat stat : targets.values()) {
            ProcessHandle.of(stat.pid()).ifPresent(handles::add);
        }
        handles.forEach(ProcessHandle::destroy);
        Deadline grace = Deadline.after(TERM_GRACE);
        while (handles.stream().anyMatch(EscapedProcesses::running) && grace.sleepBriefly()) {
            // Polled: these are not the JVM's own children, so there is no exit to wait for.
        }
        handles.stream().filter(EscapedProcesses::running).forEach(ProcessHandle::destroyForcibly);
        reap(reapable, self);
        return targets.keySet().stream().sorted().toList();
    }

    /** Alive and not a zombie: a zombie has exited and only waits to be reaped. */
    private static boolean running(ProcessHandle handle) {
        return handle.isAlive() && ProcessStat.read(handle.pid()).map(stat -> !stat.isZombie()).orElse(false);
    }

    /**
     * Waits by its own pid for each of {@code pids} that is, or is about to be, an orphan
     * re-parented to this process; one whose parent is another, living process is that one's.
     */
    private static void reap(Collection<Long> pids, long self) {
        if (pids.isEmpty()) {
            return;
        }
        POSIX posix;
        try {
            posix = NativePosix.INSTANCE;
        } catch (LinkageError e) {
            return; // Left as zombies: dead, holding only a process-table entry until the daemon exits.
        }
        Deadline deadline = Deadline.after(REAP_WAIT);
        Set<Long> dying = Set.copyOf(pids);
        List<Long> left = new ArrayList<>(pids);
        int[] status = new int[1];
        while (!left.isEmpty()) {
            left.removeIf(pid -> {
                Optional<ProcessStat> stat = ProcessStat.read(pid);
                if (stat.isEmpty()) {
                    return true;
                }
                if (stat.get().parentPid() != self) {
                    // Its parent is dying too: it comes here next. Else its parent reaps it.
                    return !dying.contains(stat.get().parentPid());
                }
                return posix.waitpid(pid, status, WNOHANG) != 0;
            });
            if (!deadline.sleepBriefly()) {
                return;
            }
        }
    }

    /** Every process below {@code roots} by the parent chain, roots excluded. */
    private static List<ProcessStat> descendants(List<ProcessStat> all, Set<Long> roots) {
        Map<Long, List<ProcessStat>> children = new HashMap<>();
        for (ProcessStat stat : all) {
            children.computeIfAbsent(stat.parentPid(), parent -> new ArrayList<>()).add(stat);
        }
        List<ProcessStat> found = new ArrayList<>();
        List<Long> frontier = new ArrayList<>(roots);
        Set<Long> visited = new LinkedHashSet<>(roots);
        while (!frontier.isEmpty()) {
            long parent = frontier.remove(frontier.size() - 1);
            for (ProcessStat child : children.getOrDefault(parent, List.of())) {
                if (visited.add(child.pid())) {
                    found.add(child);
                    frontier.add(child.pid());
                }
            }
        }
        return found;
    }

    /** Loaded on first use, so that merely tracking descendants does not load native code. */
    private static final class NativePosix {
        static final POSIX INSTANCE = POSIXFactory.getNativePOSIX();
    }
}
