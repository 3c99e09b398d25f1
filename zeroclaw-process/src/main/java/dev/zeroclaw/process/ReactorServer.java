package dev.zeroclaw.process;

import static java.util.Objects.requireNonNull;

import dev.zeroclaw.api.transport.TransportEnd;
import dev.zeroclaw.api.transport.TransportLifecycle;
import dev.zeroclaw.api.wire.JsonLineReader;
import dev.zeroclaw.api.wire.MalformedFrameException;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import jnr.constants.platform.Signal;

/**
 * A running stdio server served by the shared {@link EventLoop}: no thread of its own.
 *
 * <p>The loop writes stdin from a {@link StdinQueue} when the pipe takes more, reads stdout into
 * the JSON-RPC framing ({@link JsonLineReader}, 4 MiB per message) and stderr into a
 * {@link DiagnosticQueue}, and reaps the leader when its pidfd says it exited. Messages, lines and
 * the end reach the listener on two {@link SerialLane}s over the shared workers, in order, so that
 * a listener never runs on the loop; while more than {@link #PAUSE_BYTES} of messages wait for the
 * listener, stdout is not read (the server waits, as it would on a full pipe). The stop sequence
 * runs as timers on the loop.
 */
final class ReactorServer implements RunningServer {

    /** Messages waiting for the listener, in bytes, past which stdout is not read for a while. */
    static final long PAUSE_BYTES = LaunchedServer.MAX_MESSAGE_BYTES;

    private static final int FRAMING_CHUNK_BYTES = 4 * 1024;

    /** As {@link LaunchedServer}: how long, once the leader is gone, its output may take to end. */
    private static final Duration OUTPUT_GRACE = Duration.ofSeconds(5);

    private final EventLoop loop;
    private final Executor workers;
    private final NativeSpawn.Child child;
    private final ProcessGroup group;
    private final EscapedProcesses escaped;
    private final TransportLifecycle life;
    private final Duration failureStopDeadline;
    private final StdinQueue stdin;
    private final SerialLane messages;
    private final SerialLane diagnostics;
    private final DiagnosticQueue stderrLines = new DiagnosticQueue();

    /** Lines about the stop itself (a refused signal), delivered before the end. */
    private final Queue<String> notices = new ConcurrentLinkedQueue<>();
    // Set once when a stop begins, so sends are refused at once.
    private volatile boolean stopping;
    // Who ends the server, set once by compare-and-set: the first close(), the loop on a broken
    // stream, or the loop when the leader exited by itself first.
    private final AtomicReference<StopRequest> stop = new AtomicReference<>();
    // Completed once the leader was reaped and its group swept.
    private final CompletableFuture<Void> exited = new CompletableFuture<>();
    // Set once when stdout broke the framing or could not be read.
    private volatile String stdoutFailure;
    // Bytes of messages handed to the messages lane and not delivered yet.
    private final AtomicLong undelivered = new AtomicLong();
    // Written by the loop, read by the lane that may resume reading.
    private volatile boolean paused;
    // Set once the end is told: lines still queued are not delivered.
    private volatile boolean ended;
    // The end is told once: after the diagnostics lane caught up, or after a grace if it is stuck.
    private final AtomicBoolean endTold = new AtomicBoolean();

    // Everything below is confined to the loop's thread.
    private final ChunkStream stdoutBytes = new ChunkStream();
    // A small chunk: the bytes are on the heap already, and a hundred idle servers must not hold 64 KiB each.
    private final JsonLineReader framing = new JsonLineReader(stdoutBytes, LaunchedServer.MAX_MESSAGE_BYTES, FRAMING_CHUNK_BYTES);
    private final BoundedLineReader stderrReader;

    // Guards the three fields below and every write to or close of the stdin descriptor: held by the
    // loop, or by a sender that writes at once what the pipe takes, so that a message needs no wake-up
    // of the loop. Held only for non-blocking writes.
    private final ReentrantLock stdinWriter = new ReentrantLock();
    private byte[] writing;
    private int writingOffset;
    private boolean stdinOpen = true;

    // Confined to the loop's thread, as above.
    private boolean stdoutOpen = true;
    private boolean stderrOpen = true;
    private boolean framingBroken;
    private ExitStatus status;
    private StopSequence.Step reached;
    private boolean swept;
    private boolean ending;

    private ReactorServer(ProcessIo io, NativeSpawn.Child child, ProcessTag tag, TransportLifecycle life,
            Duration failureStopDeadline, String serverName) {
        this.loop = io.loop().orElseThrow();
        this.workers = io.workers();
        this.child = requireNonNull(child, "child is null");
        this.group = ProcessGroup.of(child.pid());
        this.escaped = new EscapedProcesses(child.pid(), tag);
        this.life = requireNonNull(life, "life is null");
        this.failureStopDeadline = requireNonNull(failureStopDeadline, "failureStopDeadline is null");
        this.stdin = new StdinQueue(requireNonNull(serverName, "serverName is null"), StdinQueue.MAX_QUEUED_BYTES,
                this::stdinChanged);
        this.messages = new SerialLane(workers);
        this.diagnostics = new SerialLane(workers);
        this.stderrReader = new BoundedLineReader(StderrRelay.MAX_LINE_BYTES,
                (bytes, length, bytesCut) -> queueDiagnostic(StderrRelay.decode(bytes, length, bytesCut)));
    }

    /** Starts serving {@code child}, which leads its own session; see {@link LaunchedServer#serve}. */
    static ReactorServer serve(ProcessIo io, NativeSpawn.Child child, ProcessTag tag, TransportLifecycle life,
            Duration failureStopDeadline, String serverName) {
        ReactorServer server = new ReactorServer(io, child, tag, life, failureStopDeadline, serverName);
        server.loop.execute(server::register);
        return server;
    }

    @Override
    public long pid() {
        return child.pid();
    }

    @Override
    public StderrBounds stderr() {
        return stderrLines;
    }

    @Override
    public void send(String message) throws IOException {
        stdin.send(RunningServer.line(message, stopping));
    }

    /**
     * Stops the server with the stop sequence, unless a stop is already under way, and waits until
     * the leader is reaped and its group swept. On the loop or a worker (a listener's callback) it
     * only starts the stop: waiting there would hold up what the stop needs.
     */
    @Override
    public void close(Duration requestedStepDeadline) {
        requireNonNull(requestedStepDeadline, "requestedStepDeadline is null");
        Duration stepDeadline = StopRequest.boundedStep(requestedStepDeadline);
        StopRequest request = StopRequest.close(stepDeadline);
        if (stop.compareAndSet(null, request)) {
            startStop(request);
        }
        if (!(Thread.currentThread() instanceof EventLoop.IoThread)) {
            RunningServer.awaitExit(exited, stepDeadline);
        }
    }

    // --- the loop ---------------------------------------------------------------------------

    private void register() {
        loop.register(child.stdin(), (short) 0, this::stdinReady);
        loop.register(child.stdout(), NativeIo.POLLIN, revents -> readStdout());
        loop.register(child.stderr(), NativeIo.POLLIN, revents -> readStderr());
        loop.register(child.pidfd(), NativeIo.POLLIN, revents -> reap());
        pumpStdin();
    }

    /** A send, close or abandon of the stdin queue, on any thread. */
    private void stdinChanged() {
        if (!loop.inLoop() && stdinWriter.tryLock()) {
            boolean loopNeeded;
            try {
                loopNeeded = writeWhatFits(loop::writeNow);
            } finally {
                stdinWriter.unlock();
            }
            if (!loopNeeded) {
                return;
            }
        }
        loop.execute(this::pumpStdin);
    }

    private void stdinReady(short revents) {
        stdinWriter.lock();
        try {
            if ((revents & (NativeIo.POLLERR | NativeIo.POLLHUP | NativeIo.POLLNVAL)) != 0) {
                // The server closed its stdin: poll would report it on every turn, so stop watching it.
                stdin.fail("Broken pipe");
                closeStdin();
                return;
            }
        } finally {
            stdinWriter.unlock();
        }
        pumpStdin();
    }

    /** Loop only: writes what is queued until the pipe is full; closes stdin once closing and nothing is left. */
    private void pumpStdin() {
        stdinWriter.lock();
        try {
            writeWhatFits(loop::write);
            if (!stdinOpen) {
                return;
            }
            if (writing != null) {
                loop.interest(child.stdin(), NativeIo.POLLOUT);
            } else if (stdin.isClosing()) {
                closeStdin();
            } else {
                loop.interest(child.stdin(), (short) 0);
            }
        } finally {
            stdinWriter.unlock();
        }
    }

    /**
     * Caller holds {@link #stdinWriter}. Writes queued lines while the pipe takes them.
     *
     * @return whether the loop must act: the pipe is full, stdin is to be closed, or writing failed
     */
    private boolean writeWhatFits(PipeWriter writer) {
        while (stdinOpen) {
            if (writing == null) {
                writing = stdin.next();
                writingOffset = 0;
                if (writing == null) {
                    return stdin.isClosing();
                }
            }
            int count;
            try {
                count = writer.write(child.stdin(), writing, writingOffset);
            } catch (IOException e) {
                stdin.written(writing);
                writing = null;
                stdin.fail(e.getMessage());
                return true;
            }
            if (count == 0) {
                return true;
            }
            writingOffset += count;
            if (writingOffset == writing.length) {
                stdin.written(writing);
                writing = null;
            }
        }
        return false;
    }

    /** Loop only, holding {@link #stdinWriter}. */
    private void closeStdin() {
        if (!stdinOpen) {
            return;
        }
        stdinOpen = false;
        loop.close(child.stdin());
        if (writing != null) {
            stdin.written(writing);
            writing = null;
        }
    }

    /** {@link EventLoop#write} or {@link EventLoop#writeNow}. */
    private interface PipeWriter {
        int write(int fd, byte[] bytes, int offset) throws IOException;
    }

    private void readStdout() {
        int count;
        try {
            count = loop.read(child.stdout());
        } catch (IOException e) {
            if (status == null) {
                fail("could not read the server's stdout: " + e.getMessage() + "; stopping it");
            }
            closeStdout();
            return;
        }
        if (count < 0) {
            return;
        }
        if (count == 0) {
            stdoutBytes.end();
            frame();
            closeStdout();
            return;
        }
        if (!framingBroken) {
            stdoutBytes.add(loop.bytesRead(count));
            frame();
        }
    }

    /** Hands each whole message read so far to the messages lane. */
    private void frame() {
        while (!framingBroken) {
            Optional<String> message;
            try {
                message = framing.next();
            } catch (ChunkStream.NothingYet e) {
                return;
            } catch (MalformedFrameException e) {
                framingBroken = true;
                stdoutBytes.clear();
                fail("the server broke the framing: " + e.getMessage() + "; stopping it");
                return;
            } catch (IOException e) {
                return; // Not thrown by a ChunkStream.
            }
            if (message.isEmpty()) {
                return;
            }
            deliver(message.get());
        }
    }

    private void deliver(String message) {
        long size = message.length();
        if (undelivered.addAndGet(size) > PAUSE_BYTES && !paused) {
            paused = true;
            loop.interest(child.stdout(), (short) 0);
        }
        messages.execute(() -> {
            life.deliver(message);
            if (undelivered.addAndGet(-size) <= PAUSE_BYTES / 2 && paused) {
                loop.execute(this::resumeStdout);
            }
        });
    }

    private void resumeStdout() {
        if (paused && stdoutOpen && undelivered.get() <= PAUSE_BYTES / 2) {
            paused = false;
            loop.interest(child.stdout(), NativeIo.POLLIN);
        }
    }

    private void closeStdout() {
        if (stdoutOpen) {
            stdoutOpen = false;
            loop.close(child.stdout());
            endWhenDone();
        }
    }

    private void readStderr() {
        int count;
        try {
            count = loop.read(child.stderr());
        } catch (IOException e) {
            count = 0; // Nothing more can be read: the same as its end.
        }
        if (count < 0) {
            return;
        }
        if (count == 0) {
            stderrReader.finish();
            if (stderrLines.finish()) {
                diagnostics.execute(this::deliverDiagnostics);
            }
            closeStderr();
            return;
        }
        stderrReader.feed(loop.bytesRead(count), count);
    }

    private void queueDiagnostic(String line) {
        if (stderrLines.offer(line)) {
            diagnostics.execute(this::deliverDiagnostics);
        }
    }

    private void deliverDiagnostics() {
        for (String line = stderrLines.poll(); line != null && !ended; line = stderrLines.poll()) {
            life.diagnostic(line);
        }
    }

    private void closeStderr() {
        if (stderrOpen) {
            stderrOpen = false;
            loop.close(child.stderr());
            endWhenDone();
        }
    }

    /** The pidfd is readable: the leader exited. Reaps it by its own pid and sweeps its group. */
    private void reap() {
        int[] raw = new int[1];
        int reaped = loop.io().libc().waitpid(child.pid(), raw, NativeIo.WNOHANG);
        if (reaped == 0) {
            return;
        }
        loop.close(child.pidfd());
        // -1 (ECHILD) only if something else reaped it, which nothing in the daemon does by this pid.
        status = reaped == child.pid() ? ExitStatus.ofWaitStatus(raw[0]) : new ExitStatus(-1);
        signalGroup(Signal.SIGKILL, false);
        StopRequest byItself = StopRequest.exit();
        StopRequest request = stop.compareAndSet(null, byItself) ? byItself : stop.get();
        stopping = true;
        // Nobody is left to read what is still queued.
        stdin.abandon();
        request.step().complete(reached == null ? StopSequence.Step.ALREADY_ENDED : reached);
        workers.execute(() -> {
            if (request != byItself) {
                // A stop waits for this, so that a daemon that stops leaves no escaped process behind.
                sweepEscaped();
            }
            exited.complete(null);
            loop.execute(() -> {
                swept = true;
                endWhenDone();
            });
        });
        loop.schedule(OUTPUT_GRACE, () -> {
            if (!ending && (stdoutOpen || stderrOpen)) {
                notices.add("[zeroclaw: a process that left the server's process group still holds its stdout or "
                        + "stderr open; no longer reading them]");
                closeStdout();
                closeStderr();
            }
        });
    }

    /** Once reaped, swept, and both outputs ended: the end goes after every line and message. */
    private void endWhenDone() {
        if (ending || !swept || stdoutOpen || stderrOpen) {
            return;
        }
        ending = true;
        StopRequest request = stop.get();
        TransportEnd end = request.endOf(status, stdoutFailure, Optional.ofNullable(request.step().getNow(null)));
        boolean sweepAfterEnd = request.cause() == StopRequest.Cause.EXIT;
        Runnable tell = () -> messages.execute(() -> {
            ended = true;
            deliverNotices();
            life.end(end);
            if (sweepAfterEnd) {
                // Exited by itself: nobody waits for the sweep, so it does not delay the end's report.
                sweepEscaped();
                deliverNotices();
            }
        });
        diagnostics.execute(() -> {
            if (endTold.compareAndSet(false, true)) {
                tell.run();
            }
        });
        // A listener stuck on a diagnostic must not hold the end back for good.
        loop.schedule(OUTPUT_GRACE, () -> {
            if (endTold.compareAndSet(false, true)) {
                tell.run();
            }
        });
    }

    private void deliverNotices() {
        for (String line = notices.poll(); line != null; line = notices.poll()) {
            life.diagnostic(line);
        }
    }

    // --- the stop ---------------------------------------------------------------------------

    /** The server broke the protocol: stop it, and report the end as this failure. Loop only. */
    private void fail(String reason) {
        stdoutFailure = reason;
        StopRequest request = StopRequest.failure(reason, failureStopDeadline);
        if (stop.compareAndSet(null, request)) {
            startStop(request);
        }
    }

    private void startStop(StopRequest request) {
        stopping = true;
        Runnable begin = () -> {
            // While the leader lives, the parent chain still leads to what it started outside its group.
            escaped.remember();
            loop.execute(() -> closeStdinStep(request.stepDeadline()));
        };
        if (Thread.currentThread() instanceof EventLoop.IoThread) {
            workers.execute(begin);
        } else {
            begin.run();
        }
    }

    private void closeStdinStep(Duration stepDeadline) {
        if (status != null) {
            return;
        }
        reached = StopSequence.Step.STDIN_CLOSED;
        stdin.close();
        loop.schedule(stepDeadline, () -> termStep(stepDeadline));
    }

    private void termStep(Duration stepDeadline) {
        if (status != null) {
            return;
        }
        reached = StopSequence.Step.SIGTERM;
        signalGroup(Signal.SIGTERM, true);
        loop.schedule(stepDeadline.compareTo(StopSequence.TERM_GRACE) < 0 ? stepDeadline : StopSequence.TERM_GRACE,
                this::killStep);
    }

    private void killStep() {
        if (status != null) {
            return;
        }
        reached = StopSequence.Step.SIGKILL;
        signalGroup(Signal.SIGKILL, true);
        loop.schedule(StopSequence.KILL_WAIT, () -> {
            if (status == null) {
                // Stuck in the kernel: close() returns; the end is told once it is reaped.
                exited.complete(null);
            }
        });
    }

    /** Signals the group; when that is refused and {@code leaderToo}, the leader alone, and says so. */
    private void signalGroup(Signal signal, boolean leaderToo) {
        try {
            group.signal(signal.intValue());
        } catch (IOException e) {
            notices.add("[zeroclaw: " + e.getMessage() + (leaderToo ? "; signalling the server's own process only]" : "]"));
            if (leaderToo) {
                ProcessHandle.of(child.pid()).ifPresent(signal == Signal.SIGKILL ? ProcessHandle::destroyForcibly
                        : ProcessHandle::destroy);
            }
        }
    }

    /** Stops the descendants that left the group, so that none outlives the server either. */
    private void sweepEscaped() {
        escaped.sweep(notices::add);
    }
}
