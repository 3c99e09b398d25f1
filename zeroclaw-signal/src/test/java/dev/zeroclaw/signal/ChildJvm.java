package dev.zeroclaw.signal;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import jnr.constants.platform.Signal;
import jnr.posix.POSIX;
import jnr.posix.POSIXFactory;

/**
 * A probe main run in a JVM of its own, for what cannot happen twice in one JVM (signal handlers, a second pid
 * file holder). Its output, stdout and stderr together, is kept line by line; every wait has a deadline.
 */
final class ChildJvm implements AutoCloseable {

    // Generous: the machine is small and noisy, and a JVM start is slow on it. Only a failing test waits this long.
    static final Duration DEADLINE = Duration.ofSeconds(60);

    private static final POSIX POSIX = POSIXFactory.getNativePOSIX();

    private final Process process;
    // Guarded by this; the reader thread appends, the test waits.
    private final List<String> lines = new ArrayList<>();
    private boolean outputEnded;

    private ChildJvm(Process process) {
        this.process = process;
        Thread reader = new Thread(this::readOutput, "child-jvm-" + process.pid());
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Starts {@code main} with this JVM's java binary and test class path.
     *
     * @param launcher a command that execs the JVM (nohup, env --default-signal=...), or none
     * @param jvmOptions options for the child JVM, such as -Xrs
     */
    static ChildJvm start(List<String> launcher, List<String> jvmOptions, Class<?> main, String... arguments)
            throws IOException {
        List<String> command = new ArrayList<>(launcher);
        command.add(ProcessHandle.current().info().command().orElseThrow(
                () -> new IllegalStateException("cannot tell this JVM's java binary")));
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(main.getName());
        command.addAll(List.of(arguments));
        return new ChildJvm(new ProcessBuilder(command).redirectErrorStream(true).start());
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    void send(Signal signal) {
        if (POSIX.kill(process.pid(), signal.intValue()) != 0) {
            throw new IllegalStateException("kill -" + signal + " " + process.pid() + " failed: errno "
                    + POSIX.errno());
        }
    }

    /** Ends the child's standard input, which the probes take as "stop". */
    void closeInput() throws IOException {
        process.getOutputStream().close();
    }

    void writeLine(String line) throws IOException {
        process.getOutputStream().write((line + "\n").getBytes(UTF_8));
        process.getOutputStream().flush();
    }

    /** The first line, so far or to come, that matches; fails when the output ends or the deadline passes first. */
    synchronized String awaitLine(Predicate<String> matching, String description) throws InterruptedException {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (true) {
            for (String line : lines) {
                if (matching.test(line)) {
                    return line;
                }
            }
            long left = deadline - System.nanoTime();
            if (outputEnded || left <= 0) {
                throw new AssertionError("no line " + description + " from the child JVM ("
                        + (outputEnded ? "its output ended" : "deadline passed") + "); it said:\n"
                        + String.join("\n", lines));
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
    }

    String awaitLine(String exactly) throws InterruptedException {
        return awaitLine(exactly::equals, "'" + exactly + "'");
    }

    /** The exit code, once the process ended and its output was read to the end. */
    int awaitExit() throws InterruptedException {
        if (!process.waitFor(DEADLINE.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("the child JVM did not exit; it said:\n" + String.join("\n", lines()));
        }
        awaitOutputEnd();
        return process.exitValue();
    }

    private synchronized void awaitOutputEnd() throws InterruptedException {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (!outputEnded) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("the child JVM exited but its output did not end (a grandchild holds it?)");
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
    }

    synchronized List<String> lines() {
        return List.copyOf(lines);
    }

    private void readOutput() {
        try (BufferedReader output = new BufferedReader(new InputStreamReader(process.getInputStream(), UTF_8))) {
            for (String line = output.readLine(); line != null; line = output.readLine()) {
                synchronized (this) {
                    lines.add(line);
                    notifyAll();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            synchronized (this) {
                outputEnded = true;
                notifyAll();
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
    }
}
