package dev.zeroclaw.supervisor;

import dev.zeroclaw.process.ProcessGroup;
import dev.zeroclaw.process.ProcessIdentity;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server processes the daemon has running, in its runtime directory ({@value #FILE_NAME}: one
 * line per process, {@code <pid> <start time> <server>}), so that a daemon started after one that
 * was SIGKILLed (no stop sequence ran) can stop what its predecessor left behind. Under systemd
 * the unit's cgroup does that already; this covers a daemon run by hand, by a container, by cron.
 *
 * <p>Only a process that is the very one recorded (same pid, same start time), or what is left of
 * its process group, is ever signalled ({@link ProcessGroup#ledBy}): a pid the kernel has since
 * given to another process is left alone.
 *
 * <p>Writes are group commits: the file is rewritten whole (a temporary file renamed over it), by
 * one thread at a time, outside the lock; a change made while a write is under way is taken by the
 * next write of that same thread, which follows at once. So a hundred servers starting together
 * cost a handful of writes, not a hundred rewrites one after the other behind one lock, and a
 * change is on disk at most two writes after it was made (no timer: a SIGKILL loses no more than
 * it did). No fsync: the file lives in the runtime directory, which dies with the machine anyway.
 */
public final class ChildLedger {

    static final String FILE_NAME = "servers.pids";
    /** How long a leftover gets after SIGTERM before SIGKILL. */
    static final long TERM_GRACE_MS = 2_000;

    private static final Logger log = LoggerFactory.getLogger(ChildLedger.class);

    // Guarded by this.
    private final Map<Long, String> lines = new LinkedHashMap<>();
    private Path file;
    // Guarded by this: lines changed since the last write began; a thread is writing.
    private boolean dirty;
    private boolean writing;

    /**
     * Stops the leftovers a previous daemon recorded in {@code runtimeDirectory}, then starts a new
     * record there. Call once, while holding the runtime directory's pid file, before any server starts.
     *
     * @return how many leftover process groups were stopped
     */
    public synchronized int open(Path runtimeDirectory) {
        file = runtimeDirectory.resolve(FILE_NAME);
        int stopped = 0;
        for (String line : previous(file)) {
            String[] fields = line.split(" ", 3);
            if (fields.length < 2) {
                continue;
            }
            ProcessIdentity identity;
            try {
                identity = new ProcessIdentity(Long.parseLong(fields[0]), Long.parseLong(fields[1]));
            } catch (IllegalArgumentException e) {
                continue;
            }
            String server = fields.length == 3 ? fields[2] : "?";
            if (stopLeftover(server, identity)) {
                stopped++;
            }
        }
        lines.clear();
        write(file, List.of());
        return stopped;
    }

    /** A server process started; recorded until {@link #ended}. Ignored before {@link #open}. */
    public void started(String server, long pid) {
        synchronized (this) {
            if (file == null) {
                return;
            }
        }
        // Read outside the lock: /proc of a process that is starting.
        Optional<ProcessIdentity> identity = ProcessIdentity.of(pid);
        if (identity.isEmpty()) {
            return;
        }
        synchronized (this) {
            lines.put(pid, identity.get().pid() + " " + identity.get().startTime() + " " + server);
        }
        commit();
    }

    /** A server process ended (reaped, its group swept). */
    public void ended(long pid) {
        synchronized (this) {
            if (file == null || lines.remove(pid) == null) {
                return;
            }
        }
        commit();
    }

    /** Writes the lines unless another thread is writing: then that thread writes them next. */
    private void commit() {
        Path target;
        List<String> content;
        synchronized (this) {
            dirty = true;
            if (writing) {
                return;
            }
            writing = true;
        }
        while (true) {
            synchronized (this) {
                if (!dirty) {
                    writing = false;
                    return;
                }
                dirty = false;
                target = file;
                content = new ArrayList<>(lines.values());
            }
            write(target, content);
        }
    }

    private static List<String> previous(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            log.warn("could not read {} (servers a previous daemon left running are not looked for): {}", file, e.toString());
            return List.of();
        }
    }

    private static boolean stopLeftover(String server, ProcessIdentity identity) {
        var group = ProcessGroup.ledBy(identity);
        if (group.isEmpty()) {
            return false;
        }
        log.warn("server={} pid={} was left running by a daemon that did not stop cleanly; stopping its process group",
                server, identity.pid());
        try {
            group.get().signal(15);
            long deadline = System.nanoTime() + TERM_GRACE_MS * 1_000_000;
            while (group.get().isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            if (group.get().isAlive()) {
                log.warn("server={} pid={} ignored SIGTERM for {} ms; killed (SIGKILL)", server, identity.pid(), TERM_GRACE_MS);
                group.get().signal(9);
            }
        } catch (IOException e) {
            log.warn("server={} pid={} could not be stopped: {}", server, identity.pid(), e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return true;
    }

    private static void write(Path file, List<String> content) {
        Path temporary = file.resolveSibling(FILE_NAME + ".tmp");
        try {
            Files.write(temporary, content, StandardCharsets.UTF_8);
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            // A RuntimeException too: commit() must always get back to clear its writing flag.
            log.warn("could not record the server processes in {}: {}", file, e.toString());
        }
    }
}
