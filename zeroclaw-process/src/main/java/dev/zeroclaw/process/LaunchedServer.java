package dev.zeroclaw.process;

import static java.util.Objects.requireNonNull;

import dev.zeroclaw.api.transport.TransportEnd;
import dev.zeroclaw.api.transport.TransportLifecycle;
import dev.zeroclaw.api.wire.JsonLineReader;
import dev.zeroclaw.api.wire.MalformedFrameException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import jnr.constants.platform.Signal;

/**
 * A running stdio server: its process, its three pipes and the threads that serve them.
 *
 * <p>Threads: one writes stdin from a bounded queue ({@link StdinWriter}), so that a send never
 * blocks; one reads stdout and hands messages to the listener; two relay stderr ({@link StderrRelay}); the supervisor waits for the leader to exit, sweeps its group, and
 * reports the end once both output streams are finished. A stop runs on the thread that asked for
 * it, or on a thread of its own when asked from one of these (a listener calling close).
 */
final class LaunchedServer implements RunningServer {

    /** Largest message accepted from a server, as upstream ZeroClaw: 4 MiB. */
    static final int MAX_MESSAGE_BYTES = 4 * 1024 * 1024;

    /**
     * How long, once the leader is gone, to wait for its output to end and be delivered. Output
     * outlives the leader only when a process that left its group still holds the pipe.
     */
    private static final Duration OUTPUT_GRACE = Duration.ofSeconds(5);

    private final Process process;
    private final ProcessGroup group;
    // What left the group: a setsid grandchild escapes the group signals, not this.
    private final EscapedProcesses escaped;
    // The listener's door: every message, diagnostic and the one end go through it.
    private final TransportLifecycle life;
    private final Duration failureStopDeadline;
    private final String threadNamePrefix;
    private final StdinWriter stdin;
    private final Thread stdoutReader;
    private final Thread supervisor;
    private final StderrRelay stderr;

    /** Lines about the stop itself (a refused signal), delivered by the supervisor before the end. */
    private final Queue<String> notices = new ConcurrentLinkedQueue<>();

    // Set once when a stop begins, so sends are refused at once.
    private volatile boolean stopping;

    // Who ends the server, set once by compare-and-set: the first close(), the stdout reader on a
    // broken stream, or the supervisor when the leader exited by itself first.
    private final AtomicReference<StopRequest> stop = new AtomicReference<>();
    // Completed by the supervisor once the leader was reaped and its group swept.
    private final CompletableFuture<Void> exited = new CompletableFuture<>();
    // Confined to the supervisor thread: the leader exited by itself, sweep what escaped after the end.
    private boolean sweepAfterEnd;
    // Set once by the stdout reader when the server broke the framing; read by the supervisor.
    private volatile String stdoutFailure;

    private LaunchedServer(Process process, ProcessTag tag, TransportLifecycle life, Duration failureStopDeadline,
            String serverName, String threadNamePrefix) {
        this.process = requireNonNull(process, "process is null");
        this.group = ProcessGroup.of(process.pid());
        this.escaped = new EscapedProcesses(process.pid(), tag);
        this.life = requireNonNull(life, "life is null");
        this.failureStopDeadline = requireNonNull(failureStopDeadline, "failureStopDeadline is null");
        this.threadNamePrefix = requireNonNull(threadNamePrefix, "threadNamePrefix is null");
        this.stdin = new StdinWriter(process.getOutputStream(), requireNonNull(serverName, "serverName is null"),
                StdinQueue.MAX_QUEUED_BYTES, threadNamePrefix + "-stdin");
        this.stdoutReader = daemonThread(this::readStdout, "stdout");
        this.supervisor = daemonThread(this::supervise, "supervisor");
        this.stderr = new StderrRelay(process.getErrorStream(), life::diagnostic, threadNamePrefix, OUTPUT_GRACE);
    }

    /**
     * Starts serving {@code process}, which must lead its own process group; what it says goes
     * through {@code life}, which its transport has begun starting.
     *
     * @param tag the mark in {@code process}'s environment, which finds its descendants that left
     *     its group once their parent is gone
     * @param failureStopDeadline each step's wait when the transport stops the server itself
     *     (it broke the framing)
     * @param serverName the configured name, for messages about this server
     * @param threadNamePrefix names this server's threads, e.g. {@code zeroclaw-fs#1}
     */
    static LaunchedServer serve(Process process, ProcessTag tag, TransportLifecycle life, Duration failureStopDeadline,
            String serverName, String threadNamePrefix) {
        LaunchedServer server = new LaunchedServer(process, tag, life, failureStopDeadline, serverName, threadNamePrefix);
        server.stdin.start();
        server.stdoutReader.start();
        server.stderr.start();
        server.supervisor.start();
        return server;
    }

    @Override
    public long pid() {
        return process.pid();
    }

    @Override
    public StderrRelay stderr() {
        return stderr;
    }

    /**
     * Queues one message for the stdin writer and returns at once.
     *
     * @throws IOException when the server is stopping, an earlier write failed, or it is not reading
     *     its stdin and {@link StdinWriter#MAX_QUEUED_BYTES} are queued
     */
    @Override
    public void send(String message) throws IOException {
        stdin.send(RunningServer.line(message, stopping));
    }

    /**
     * Stops the server with the stop sequence, unless a stop is already under way, and waits
     * until the leader is reaped and its group swept: about {@code stepDeadline} plus one second.
     * From one of this server's own threads it only starts the stop, as waiting there could hold
     * up the output the server needs drained to exit.
     */
    @Override
    public void close(Duration requestedStepDeadline) {
        requireNonNull(requestedStepDeadline, "requestedStepDeadline is null");
        Duration stepDeadline = StopRequest.boundedStep(requestedStepDeadline);
        boolean ownThread = runsOn(Thread.currentThread());
        StopRequest request = StopRequest.close(stepDeadline);
        if (stop.compareAndSet(null, request)) {
            if (ownThread) {
                daemonThread(() -> runStop(request), "stop").start();
            } else {
                runStop(request);
            }
        }
        if (!ownThread) {
            RunningServer.awaitExit(exited, stepDeadline);
        }
    }

    private void runStop(StopRequest request) {
        stopping = true;
        // While the leader lives, the parent chain still leads to what it started outside its group.
        escaped.remember();
        StopSequence sequence = new StopSequence(process, group, this::closeStdin, notices::add);
        request.step().complete(sequence.run(request.stepDeadline()));
    }

    /**
     * Closes stdin once what is queued is written, without waiting: a write blocked on a pipe the
     * server does not read returns once the server exits, which the stop's signals see to.
     */
    private void closeStdin() {
        stopping = true;
        stdin.close();
    }

    private void readStdout() {
        InputStream stdout = process.getInputStream();
        JsonLineReader lines = new JsonLineReader(stdout, MAX_MESSAGE_BYTES);
        try {
            for (Optional<String> line = lines.next(); line.isPresent(); line = lines.next()) {
                life.deliver(line.get());
            }
        } catch (MalformedFrameException e) {
            fail("the server broke the framing: " + e.getMessage() + "; stopping it");
            drain(stdout);
        } catch (IOException e) {
            if (!exited.isDone()) {
                fail("could not read the server's stdout: " + e.getMessage() + "; stopping it");
            }
        }
    }

    /** Reads and drops the rest of a stream, so that the server never blocks writing to it while it stops. */
    private void drain(InputStream stdout) {
        try {
            stdout.transferTo(OutputStream.nullOutputStream());
        } catch (IOException e) {
            // Closed under us once the server ended: nothing is left to drain.
        }
    }

    /** The server broke the protocol: stop it, and report the end as this failure. */
    private void fail(String reason) {
        stdoutFailure = reason;
        StopRequest request = StopRequest.failure(reason, failureStopDeadline);
        if (stop.compareAndSet(null, request)) {
            daemonThread(() -> runStop(request), "stop").start();
        }
    }

    private void supervise() {
        TransportEnd end;
        try {
            end = awaitEnd();
        } catch (RuntimeException e) {
            // A bug here must still end the transport, once, or the daemon would wait forever.
            end = TransportEnd.failed("zeroclaw failed while supervising the server: " + e);
        } finally {
            exited.complete(null);
        }
        stderr.abandon();
        deliverNotices();
        life.end(end);
        if (sweepAfterEnd) {
            // Exited by itself: nobody waits for the sweep, so it does not delay the end's report.
            sweepEscaped();
            deliverNotices();
        }
    }

    private void deliverNotices() {
        for (String line = notices.poll(); line != null; line = notices.poll()) {
            life.diagnostic(line);
        }
    }

    /** Waits for the leader, sweeps its group, waits for its output; says how it ended. */
    private TransportEnd awaitEnd() {
        ExitStatus status = awaitLeader();
        sweepGroup();
        StopRequest byItself = StopRequest.exit();
        StopRequest request = stop.compareAndSet(null, byItself) ? byItself : stop.get();
        stopping = true;
        // Nobody is left to read what is still queued.
        stdin.abandon();
        if (request == byItself) {
            sweepAfterEnd = true;
        } else {
            // A stop waits for this, so that a daemon that stops leaves no escaped process behind.
            sweepEscaped();
        }
        exited.complete(null);

        boolean outputDone = false;
        try {
            Deadline grace = Deadline.after(OUTPUT_GRACE);
            outputDone = grace.join(stdoutReader) & stderr.awaitDelivered(grace);
        } catch (InterruptedException e) {
            // Nobody interrupts the supervisor; if something does, report the end without waiting.
        }
        if (!outputDone) {
            notices.add("[zeroclaw: a process that left the server's process group still holds its stdout or "
                    + "stderr open; no longer reading them]");
            closeOutput();
        }
        return endOf(request, status);
    }

    private ExitStatus awaitLeader() {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return new ExitStatus(process.waitFor());
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Kills what the leader left in its group, so no grandchild outlives the server. */
    private void sweepGroup() {
        try {
            group.signal(Signal.SIGKILL.intValue());
        } catch (IOException e) {
            notices.add("[zeroclaw: " + e.getMessage() + "]");
        }
    }

    /** Stops the descendants that left the group, so that none outlives the server either. */
    private void sweepEscaped() {
        escaped.sweep(notices::add);
    }

    private TransportEnd endOf(StopRequest request, ExitStatus status) {
        return request.endOf(status, stdoutFailure,
                request.cause() == StopRequest.Cause.CLOSE ? stepOf(request) : Optional.empty());
    }

    private Optional<StopSequence.Step> stepOf(StopRequest request) {
        // The stop's own wait for the leader returns as soon as ours did; the bound is a safety net.
        Duration bound = request.stepDeadline().multipliedBy(2).plus(StopSequence.KILL_WAIT).plusSeconds(1);
        try {
            return Optional.of(request.step().get(bound.toNanos(), TimeUnit.NANOSECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (ExecutionException | TimeoutException e) {
            return Optional.empty();
        }
    }

    private void closeOutput() {
        try {
            process.getInputStream().close();
        } catch (IOException e) {
            // Best effort: the fd is released either way once the holder exits.
        }
        try {
            process.getErrorStream().close();
        } catch (IOException e) {
            // As above.
        }
    }

    private boolean runsOn(Thread thread) {
        return thread == stdoutReader || thread == supervisor || stderr.runsOn(thread) || stdin.runsOn(thread);
    }

    private Thread daemonThread(Runnable body, String role) {
        Thread thread = new Thread(body, threadNamePrefix + "-" + role);
        thread.setDaemon(true);
        return thread;
    }
}
