package dev.zeroclaw.daemon.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zeroclaw.daemon.control.ControlClient;
import dev.zeroclaw.daemon.control.DaemonBusyException;
import dev.zeroclaw.daemon.control.DaemonUnreachableException;
import dev.zeroclaw.signal.GatewayTokenFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** {@code zeroclaw daemon} as a real process, with what a test needs to watch it. */
final class RunningDaemon implements AutoCloseable {

    static final Duration DEADLINE = Duration.ofSeconds(60);

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final Path runtimeDir;
    private final Path log;
    // Every server pid seen, so close() can make sure nothing outlives a failed test.
    private final Set<Long> seenPids = new HashSet<>();

    private RunningDaemon(Process process, Path runtimeDir, Path log) {
        this.process = process;
        this.runtimeDir = runtimeDir;
        this.log = log;
    }

    static RunningDaemon start(Path config, Path workDir, Map<String, String> environment) throws IOException {
        return start(config, workDir, environment, List.of());
    }

    /** With more options for {@code zeroclaw daemon}, e.g. {@code --plugin-dir DIR}. */
    static RunningDaemon start(Path config, Path workDir, Map<String, String> environment, List<String> options)
            throws IOException {
        return start(config, workDir, environment, options, List.of());
    }

    /** With options for the JVM too, e.g. {@code -Xlog:class+load:file=F} to see how far its start has come. */
    static RunningDaemon start(Path config, Path workDir, Map<String, String> environment, List<String> options,
            List<String> jvmOptions) throws IOException {
        Path runtimeDir = workDir.resolve("run");
        // A second daemon on the same directory (a successor) keeps the first one's log.
        Path log = workDir.resolve("daemon.log");
        for (int n = 2; Files.exists(log); n++) {
            log = workDir.resolve("daemon-" + n + ".log");
        }
        List<String> command = new ArrayList<>(List.of(Zeroclaw.JAVA));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", Zeroclaw.JAR.toString(), "daemon", "--config", config.toString(), "--runtime-dir",
                runtimeDir.toString()));
        command.addAll(options);
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        // The daemon's default state directory is the user's: a test's state stays in its own directory.
        builder.environment().put("XDG_STATE_HOME", workDir.resolve("state-home").toString());
        builder.environment().putAll(environment);
        return new RunningDaemon(builder.start(), runtimeDir, log);
    }

    boolean isAlive() {
        return process.isAlive();
    }

    long pid() {
        return process.pid();
    }

    Path runtimeDir() {
        return runtimeDir;
    }

    /** The token the daemon generated for its gateway, read as a local client reads it (empty when there is none). */
    Optional<String> gatewayToken() throws IOException {
        return GatewayTokenFile.read(runtimeDir);
    }

    String log() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    JsonNode status() throws DaemonUnreachableException, DaemonBusyException {
        String reply = new ControlClient().send(runtimeDir.resolve(ControlClient.SOCKET_NAME), "{\"command\":\"status\"}",
                ControlClient.BUSY_PATIENCE).toJson();
        JsonNode status;
        try {
            status = JSON.readTree(reply);
        } catch (IOException e) {
            throw new UncheckedIOException("the status reply is not JSON: " + reply, e);
        }
        status.path("servers").forEach(server -> {
            if (server.path("pid").canConvertToLong()) {
                seenPids.add(server.path("pid").asLong());
            }
        });
        return status;
    }

    /** Polls the status until {@code condition} holds; fails with the last status and the log. */
    JsonNode awaitStatus(String what, Predicate<JsonNode> condition) throws InterruptedException {
        long end = System.nanoTime() + DEADLINE.toNanos();
        JsonNode last = null;
        while (System.nanoTime() < end) {
            if (!process.isAlive()) {
                throw new AssertionError("the daemon exited (" + process.exitValue() + ") while waiting for " + what
                        + "\n" + log());
            }
            try {
                last = status();
                if (condition.test(last)) {
                    return last;
                }
            } catch (DaemonUnreachableException | DaemonBusyException e) {
                // Not listening yet.
            }
            Thread.sleep(50);
        }
        throw new AssertionError("timed out waiting for " + what + "; last status: " + last + "\n" + log());
    }

    /** Waits until the daemon's log matches {@code regex}. */
    void awaitLog(String regex) throws InterruptedException {
        java.util.regex.Pattern pattern = java.util.regex.Pattern.compile(regex);
        awaitStatus("a log line matching " + regex, status -> pattern.matcher(log()).find());
    }

    JsonNode server(JsonNode status, String name) {
        for (JsonNode server : status.path("servers")) {
            if (server.path("name").asText().equals(name)) {
                return server;
            }
        }
        return JSON.missingNode();
    }

    JsonNode awaitState(String name, String state) throws InterruptedException {
        return server(awaitStatus(name + " " + state, status -> server(status, name).path("state").asText().equals(state)), name);
    }

    /** Waits until every listed server is READY and returns their pids by name. */
    Map<String, Long> awaitReady(String... names) throws InterruptedException {
        JsonNode status = awaitStatus(String.join(",", names) + " READY", s -> {
            for (String name : names) {
                if (!server(s, name).path("state").asText().equals("READY")) {
                    return false;
                }
            }
            return true;
        });
        Map<String, Long> pids = new java.util.LinkedHashMap<>();
        for (String name : names) {
            pids.put(name, server(status, name).path("pid").asLong());
        }
        return pids;
    }

    void signal(String signal) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-s", signal, Long.toString(process.pid())).start();
        assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(kill.exitValue()).isZero();
    }

    /** Sends SIGTERM and waits for the exit; returns the exit code and how long the exit took. */
    Stopped stop() throws IOException, InterruptedException {
        long started = System.nanoTime();
        signal("TERM");
        assertThat(process.waitFor(DEADLINE.toMillis(), TimeUnit.MILLISECONDS)).as("daemon exits after SIGTERM").isTrue();
        return new Stopped(process.exitValue(), Duration.ofNanos(System.nanoTime() - started));
    }

    boolean awaitExit(Duration deadline) throws InterruptedException {
        return process.waitFor(deadline.toMillis(), TimeUnit.MILLISECONDS);
    }

    int exitValue() {
        return process.exitValue();
    }

    List<Long> seenPids() {
        return new ArrayList<>(seenPids);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
        // A failed test must not leave servers behind for the next one.
        for (long pid : seenPids) {
            for (long member : ProcessTable.group(pid)) {
                ProcessHandle.of(member).ifPresent(ProcessHandle::destroyForcibly);
            }
        }
    }

    record Stopped(int exitCode, Duration took) {}
}
