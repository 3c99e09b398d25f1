package dev.zeroclaw.daemon.reload;

import static java.util.Objects.requireNonNull;

import dev.zeroclaw.config.ConfigException;
import dev.zeroclaw.daemon.config.AppliedConfig;
import dev.zeroclaw.daemon.config.ConfigLoader;
import dev.zeroclaw.daemon.lifecycle.ThreadEnd;
import dev.zeroclaw.diff.FileHash;
import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code auto_reload = true}: watches the config file's directory (editors save through a temp
 * file and a rename; Kubernetes swaps a {@code ..data} symlink) and, once events have been quiet
 * for the debounce time, asks for a reload when the file's content differs from what is applied.
 * The decision is by content hash, never by modification time. A file that is unreadable or
 * invalid when checked (half written) is checked again one debounce later.
 *
 * <p>It watches whether or not {@code auto_reload} is on, and acts only while the applied
 * configuration says so: a reload can turn the setting on or off.
 */
public final class ConfigWatcher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ConfigWatcher.class);

    /** How long {@link #close} waits for the watch thread to end. */
    static final Duration CLOSE_WAIT = Duration.ofSeconds(5);

    private final Path file;
    private final Path directory;
    private final Supplier<Duration> debounce;
    private final AppliedConfig applied;
    private final ReloadRequests reloads;
    private final ScheduledExecutorService timers;

    // Guarded by this.
    private WatchService watcher;
    private Thread thread;
    private ScheduledFuture<?> pendingCheck;
    private String lastRequested;
    // A reload this watcher asked for has not reported yet; a change seen meanwhile is checked after it.
    private boolean inFlight;
    private boolean recheck;
    private boolean closed;

    /** Watches nothing yet: {@link #start} does. */
    public ConfigWatcher(Path file, Supplier<Duration> debounce, AppliedConfig applied, ReloadRequests reloads,
            ScheduledExecutorService timers) {
        this.file = requireNonNull(file, "file is null");
        this.directory = file.toAbsolutePath().getParent();
        this.debounce = requireNonNull(debounce, "debounce is null");
        this.applied = requireNonNull(applied, "applied is null");
        this.reloads = requireNonNull(reloads, "reloads is null");
        this.timers = requireNonNull(timers, "timers is null");
    }

    /** Starts watching the file's directory, on a thread of its own. */
    public synchronized void start() throws IOException {
        if (closed) {
            throw new IllegalStateException("the config watcher was closed");
        }
        if (thread != null) {
            throw new IllegalStateException("the config watcher has started already");
        }
        watcher = FileSystems.getDefault().newWatchService();
        WatchService events = watcher;
        // Registered before start() returns, so that a change made once the daemon is ready is seen.
        Optional<WatchKey> first = register(events);
        if (first.isEmpty()) {
            unwatchable();
        } else {
            scheduleCheck(); // what changed before the watch began
        }
        thread = new Thread(() -> watch(events, first), "zeroclaw-config-watch");
        thread.setDaemon(true);
        thread.start();
        log.debug("watching {} for changes to {}", directory, file.getFileName());
    }

    private void watch(WatchService watcher, Optional<WatchKey> first) {
        Optional<WatchKey> key = first;
        while (!isClosed()) {
            try {
                if (key.isPresent() && !key.get().isValid()) {
                    // Cancelled with no signal this thread saw: the directory went between two polls.
                    unwatchable();
                    key = Optional.empty();
                }
                if (key.isEmpty()) {
                    key = register(watcher);
                    if (key.isEmpty()) {
                        // The directory is gone (deleted, or being recreated): look again shortly.
                        Thread.sleep(Math.max(50, debounce.get().toMillis()));
                        continue;
                    }
                    scheduleCheck();
                }
                WatchKey signalled = watcher.poll(1, TimeUnit.SECONDS);
                if (signalled == null) {
                    continue;
                }
                signalled.pollEvents();
                if (!signalled.reset()) {
                    unwatchable();
                    key = Optional.empty();
                }
                scheduleCheck();
            } catch (InterruptedException | ClosedWatchServiceException e) {
                return;
            }
        }
    }

    private void unwatchable() {
        log.warn("auto_reload: {} is no longer watchable (deleted?); waiting for it to return", directory);
    }

    private Optional<WatchKey> register(WatchService watcher) {
        if (!Files.isDirectory(directory)) {
            return Optional.empty();
        }
        try {
            return Optional.of(directory.register(watcher, StandardWatchEventKinds.ENTRY_CREATE,
                    StandardWatchEventKinds.ENTRY_MODIFY, StandardWatchEventKinds.ENTRY_DELETE));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** (Re)starts the quiet period: the check runs one debounce after the last event. */
    private synchronized void scheduleCheck() {
        if (closed) {
            return;
        }
        if (pendingCheck != null) {
            pendingCheck.cancel(false);
        }
        pendingCheck = timers.schedule(this::check, debounce.get().toMillis(), TimeUnit.MILLISECONDS);
    }

    private void check() {
        if (!applied.get().config().settings().autoReload()) {
            return;
        }
        String sha256;
        try {
            sha256 = FileHash.sha256Hex(ConfigLoader.read(file));
        } catch (ConfigException e) {
            // Mid-rename or deleted with its directory: an event will follow, or the retry finds it.
            scheduleCheck();
            return;
        }
        synchronized (this) {
            if (closed || sha256.equals(applied.get().sha256()) || sha256.equals(lastRequested)) {
                return;
            }
            if (inFlight) {
                // The running reload reads the file itself, perhaps already this content: look again
                // when it has reported, against what it applied, instead of queueing a reload now.
                recheck = true;
                return;
            }
            inFlight = true;
            lastRequested = sha256;
        }
        reloads.request("file-watch").whenComplete((report, failure) -> {
            boolean again;
            synchronized (this) {
                inFlight = false;
                again = recheck || report == null || !report.ok();
                recheck = false;
                if (report != null) {
                    // What the reload read, which may be newer than what this check saw. An invalid
                    // content (perhaps half written) is looked at once more after the quiet time:
                    // a different content gets its own reload, the same invalid content does not.
                    lastRequested = report.configSha256();
                }
            }
            if (again) {
                scheduleCheck();
            }
        });
    }

    private synchronized boolean isClosed() {
        return closed;
    }

    /** Stops watching; waits until the watch thread has ended (at most {@link #CLOSE_WAIT}). */
    @Override
    public void close() {
        WatchService events;
        Thread watching;
        synchronized (this) {
            closed = true;
            if (pendingCheck != null) {
                pendingCheck.cancel(false);
            }
            events = watcher;
            watching = thread;
        }
        if (events != null) {
            try {
                events.close();
            } catch (IOException e) {
                log.debug("closing the watch service: {}", e.getMessage());
            }
        }
        if (watching != null) {
            ThreadEnd.interruptAndAwait(watching, CLOSE_WAIT);
        }
    }
}
