package dev.zeroclaw.process;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How stdio servers' pipes are served, chosen once per daemon: {@code poll} — every server on one
 * event-loop thread, spawned with {@code posix_spawn} and watched through a pidfd — where Linux,
 * glibc 2.34+ and a kernel with {@code pidfd_open} allow, else {@code threads} (a few threads per
 * server, started through the JDK). {@code -Dzeroclaw.process.io=threads} asks for the latter.
 */
public final class ProcessIo {

    static final String PROPERTY = "zeroclaw.process.io";

    /**
     * Threads that deliver messages and diagnostics and sweep what servers left behind. A handful:
     * listeners return quickly (they complete futures), and lines wait in bounded queues meanwhile.
     */
    static final int WORKERS = 4;

    private final Optional<EventLoop> loop;
    private final ExecutorService workers;
    private final String description;

    private ProcessIo(Optional<EventLoop> loop, String description) {
        this.loop = loop;
        this.description = description;
        ThreadPoolExecutor pool = new ThreadPoolExecutor(WORKERS, WORKERS, 10, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                workerThreads());
        // No thread lingers while the servers are quiet.
        pool.allowCoreThreadTimeOut(true);
        this.workers = pool;
    }

    /** The daemon's choice, made on first use. */
    static ProcessIo system() {
        return Holder.INSTANCE;
    }

    /** A choice of threads, for tests that run both kinds. */
    static ProcessIo threads(String reason) {
        return new ProcessIo(Optional.empty(), "io=threads reason=" + requireNonNull(reason, "reason is null"));
    }

    /** The event loop if this process can have one, else threads saying why not. */
    static ProcessIo choose(String requested) {
        if ("threads".equals(requested)) {
            return threads(PROPERTY + "=threads");
        }
        NativeIo.Result probe = NativeIo.probe();
        if (probe.io().isEmpty()) {
            return threads(probe.reason());
        }
        try {
            EventLoop started = new EventLoop(probe.io().get());
            started.start();
            return new ProcessIo(Optional.of(started), "io=poll");
        } catch (IOException | RuntimeException | LinkageError e) {
            return threads("the event loop did not start: " + e.getMessage());
        }
    }

    /**
     * How this process serves stdio servers' pipes, chosen on first use: {@code io=poll} or
     * {@code io=threads reason=...}; for the daemon's log.
     */
    public static String chosen() {
        return system().description();
    }

    /** For the daemon's log: {@code io=poll}, or {@code io=threads reason=...}. */
    String description() {
        return description;
    }

    Optional<EventLoop> loop() {
        return loop;
    }

    ExecutorService workers() {
        return workers;
    }

    private static java.util.concurrent.ThreadFactory workerThreads() {
        AtomicInteger count = new AtomicInteger();
        return body -> new EventLoop.IoThread(body, "zeroclaw-io-worker-" + count.incrementAndGet());
    }

    private static final class Holder {
        static final ProcessIo INSTANCE = choose(System.getProperty(PROPERTY, ""));
    }
}
