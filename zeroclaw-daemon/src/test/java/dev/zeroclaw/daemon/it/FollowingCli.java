package dev.zeroclaw.daemon.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A {@code zeroclaw ... -f} command that keeps running: its output lines as they come. */
final class FollowingCli implements AutoCloseable {

    private final Process process;
    private final Path err;
    // Guarded by itself: every line printed so far.
    private final List<String> lines = new ArrayList<>();

    private FollowingCli(Process process, Path err) {
        this.process = process;
        this.err = err;
        Thread reader = new Thread(this::read, "following-cli");
        reader.setDaemon(true);
        reader.start();
    }

    static FollowingCli start(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Zeroclaw.JAVA, "-jar", Zeroclaw.JAR.toString()));
        command.addAll(List.of(args));
        Path err = Files.createTempFile("zeroclaw-follow", ".err");
        Process process = new ProcessBuilder(command).redirectError(err.toFile()).start();
        return new FollowingCli(process, err);
    }

    private void read() {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                synchronized (lines) {
                    lines.add(line);
                    lines.notifyAll();
                }
            }
        } catch (IOException e) {
            // The process ended.
        }
    }

    /** The first line printed at or after {@code from} that matches; fails with what was printed after {@code deadline}. */
    Seen await(String what, int from, Duration deadline, Predicate<String> matches) throws InterruptedException {
        long end = System.nanoTime() + deadline.toNanos();
        synchronized (lines) {
            int next = from;
            while (true) {
                for (; next < lines.size(); next++) {
                    if (matches.test(lines.get(next))) {
                        return new Seen(lines.get(next), next);
                    }
                }
                long left = end - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("no line " + what + " within " + deadline + "; printed:\n" + printed()
                            + "\nstderr: " + stderr());
                }
                lines.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
            }
        }
    }

    /** Everything printed so far, one line per line. */
    String printed() {
        synchronized (lines) {
            return String.join("\n", lines);
        }
    }

    /** Waits for the command to end by itself; its exit code. */
    int awaitExit(Duration deadline) throws InterruptedException {
        if (!process.waitFor(deadline.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("the command did not end within " + deadline + "; stderr: " + stderr());
        }
        return process.exitValue();
    }

    String stderr() {
        try {
            return Files.readString(err, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        Files.deleteIfExists(err);
    }

    /** A line printed, and its index among all printed. */
    record Seen(String line, int index) {}
}
