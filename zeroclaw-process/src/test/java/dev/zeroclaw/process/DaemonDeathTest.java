package dev.zeroclaw.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What happens to a server when the daemon is SIGKILLed and runs no stop sequence: the daemon is
 * played by a JVM of its own, which the test kills with SIGKILL.
 */
class DaemonDeathTest {

    @TempDir
    Path directory;

    private final List<Process> standIns = new ArrayList<>();

    @AfterEach
    void killStandIns() {
        standIns.forEach(Process::destroyForcibly);
    }

    @Test
    void serverThatHonoursStdinEndExitsWhenTheDaemonIsKilled() throws Exception {
        Process daemon = standIn("echo.sh");
        ProcessIdentity server = serverOf(daemon);
        assertThat(server.isRunning()).isTrue();

        killWithSigkill(daemon);

        // The kernel closed the daemon's end of the server's stdin: EOF, and the server exits.
        Eventually.until("the echo server exits once the daemon is gone", () -> !server.isRunning());
    }

    @Test
    void serverThatIgnoresStdinEndOutlivesTheDaemonUntilTheNextDaemonKillsItsGroup() throws Exception {
        Path eofSeen = directory.resolve("eof-seen");
        Process daemon = standIn("ignore-term.sh", "EOF_MARKER=" + eofSeen);
        ProcessIdentity server = serverOf(daemon);

        killWithSigkill(daemon);

        Eventually.until("the server has seen its stdin end", () -> Files.exists(eofSeen));
        assertThat(server.isRunning()).as("a server that ignores stdin EOF lives on").isTrue();

        // What the next daemon does with the identity its predecessor recorded.
        ProcessIdentity reused = new ProcessIdentity(server.pid(), server.startTime() + 1);
        assertThat(ProcessGroup.ledBy(reused)).as("a pid now held by another process is left alone").isEmpty();
        ProcessGroup leftover = ProcessGroup.ledBy(server).orElseThrow();
        assertThat(leftover.signal(9)).isTrue();
        Eventually.until("nothing of the leftover group runs", () -> !leftover.isAlive());
        assertThat(server.isRunning()).isFalse();
    }

    private Process standIn(String fixture, String... env) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                DaemonStandIn.class.getName(),
                Fixtures.path(fixture).toString()));
        command.addAll(List.of(env));
        Process process = new ProcessBuilder(command)
                .redirectError(directory.resolve("stand-in.err").toFile())
                .start();
        standIns.add(process);
        return process;
    }

    /** The server's identity as the stand-in prints it once the server has answered. */
    private ProcessIdentity serverOf(Process daemon) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(daemon.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        assertThat(line).as("the stand-in daemon's report; its stderr: %s",
                Files.readString(directory.resolve("stand-in.err"))).isNotNull();
        String[] fields = line.trim().split(" ");
        return new ProcessIdentity(Long.parseLong(fields[0]), Long.parseLong(fields[1]));
    }

    private static void killWithSigkill(Process daemon) throws InterruptedException {
        daemon.destroyForcibly(); // SIGKILL on Unix: no shutdown hook, no stop sequence
        assertThat(daemon.waitFor()).isEqualTo(128 + 9);
    }
}
