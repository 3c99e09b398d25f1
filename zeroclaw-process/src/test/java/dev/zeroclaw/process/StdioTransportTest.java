package dev.zeroclaw.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zeroclaw.api.ServerSpec;
import dev.zeroclaw.api.transport.TransportContext;
import dev.zeroclaw.api.transport.TransportEnd;
import dev.zeroclaw.api.transport.TransportEnd.Kind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The stdio transport against real child processes: what a user sees when servers behave and
 * misbehave. Runs with the daemon's choice of I/O (the event loop, where the platform has it);
 * {@link StdioTransportThreadsTest} runs the same with a thread per stream.
 */
class StdioTransportTest {

    /** The kind of I/O under test. */
    ProcessIo io() {
        return ProcessIo.system();
    }

    /** Long, so that a stop expected to end at its first step does so however slow the machine. */
    private static final Duration STOP_DEADLINE = Duration.ofSeconds(20);

    private final List<StdioTransport> started = new ArrayList<>();

    @AfterEach
    void stopEverything() {
        started.forEach(transport -> transport.close(Duration.ZERO));
    }

    @Test
    void serverLeadsItsOwnSessionAndProcessGroupUnderItsOwnPid() throws Exception {
        RecordingListener listener = new RecordingListener();
        StdioTransport transport = startEchoing(listener);

        long pid = transport.pid().orElseThrow();
        ProcessStat stat = ProcessStat.read(pid).orElseThrow();
        assertThat(stat.command()).as("the command runs under the server's pid, no wrapper left").isEqualTo("bash");
        assertThat(stat.processGroup()).as("pgid").isEqualTo(pid);
        assertThat(stat.session()).as("session id").isEqualTo(pid);
    }

    @Test
    void echoServerStopsAtTheFirstStepWhenItsStdinIsClosed() throws Exception {
        RecordingListener listener = new RecordingListener();
        StdioTransport transport = startEchoing(listener);
        ProcessIdentity leader = identity(transport);

        transport.close(STOP_DEADLINE);

        assertEndsAndLeavesNothing(listener, leader, TransportEnd.closed("stopped by closing its stdin; exited with status 0"));
    }

    @Test
    void serverThatCrashesAtStartFailsWithItsStatusAndItsLastWords() throws Exception {
        RecordingListener listener = new RecordingListener();
        StdioTransport transport = start(Fixtures.spec("crash.sh").build(), listener);
        long pid = transport.pid().orElseThrow();

        TransportEnd end = listener.awaitEnd();

        assertThat(end).isEqualTo(TransportEnd.failed("exited with status 3"));
        assertThat(listener.diagnosticsBeforeEnd()).containsExactly("fatal: cannot open the database");
        assertThat(ProcessStat.read(pid)).as("the crashed leader is reaped").isEmpty();
        listener.assertEndedOnce();
    }

    @Test
    void serverThatIgnoresSigtermAndStdinEndIsKilled() throws Exception {
        RecordingListener listener = new RecordingListener();
        StdioTransport transport = start(Fixtures.spec("ignore-term.sh").build(), listener);
        assertThat(listener.nextMessage()).as("SIGTERM is ignored from here on").isEqualTo("{\"ready\":true}");
        ProcessIdentity leader = identity(transport);

        transport.close(Duration.ofSeconds(1));

        assertEndsAndLeavesNothing(listener, leader,
                TransportEnd.closed("did not exit after stdin closed and SIGTERM; killed (SIGKILL)"));
    }

    @Test
    void grandchildInTheGroupIsStoppedWithTheServer() throws Exception {
        RecordingListener listener = new RecordingListener();
        StdioTransport transport = start(Fixtures.spec("grandchild.sh", "wait").build(), listener);
        ProcessIdentity grandchild = grandchild(listener.nextMessage());
        ProcessIdentity leader = identity(transport);
        assertThat(ProcessStat.read(grandchild.pid()).orElseThrow().processGroup()).isEqualTo(leader.pid());

        transport.close(Duration.ofSeconds(2));

        assertEndsAndLeavesNothing(listener, leader, TransportEnd.closed(
                "stopped by SIGTERM to its process group after closing stdin did not end it; "
                        + "killed by signal 15 (SIGTERM)"));
        assertThat(grandchild.isRunning()).isFalse();
    }

    @Test
    void grandchildLeftBehindByAServerThatExitsIsKilled() throws Exception {
        RecordingListener listener = new RecordingListener();
        StdioTransport transport = start(Fixtures.spec("grandchild.sh", "exit").build(), listener);
        ProcessIdentity grandchild = grandchild(listener.nextMessage());
        ProcessIdentity leader = identity(transport);

        transport.send("{\"method\":\"exit\"}");

        // The grandchild holds the server's stdout, so this end arrives only because it was killed.
        assertEndsAndLeavesNothing(listener, leader, TransportEnd.ended("exited with status 0"));
        assertThat(grandchild.isRunning()).isFalse();
    }

    @Test
    void grandchildInASessionOfItsOwnIsStoppedWithTheServer() throws Exception {
        RecordingListener listener = new RecordingListener();
        StdioTransport transport = start(Fixtures.spec("escaping-grandchild.sh", "stdin").build(), listener);
        ProcessIdentity grandchild = grandchild(listener.nextMessage());
        ProcessIdentity leader = identity(transport);
        Eventually.until("the grandchild leaves the server's session", () -> ProcessStat.read(grandchild.pid())
                .map(stat -> stat.session() == grandchild.pid()).orElse(false));

        transport.close(STOP_DEADLINE);

        assertThat(listener.awaitEnd()).isEqualTo(TransportEnd.closed("stopped by closing its stdin; exited with status 0"));
        assertThat(grandchild.isRunning()).as("the grandchild that left the group").isFalse();
        assertThat(listener.diagnostics()).anyMatch(line -> line.contains("outside its process group: pid " + grandchild.pid()));
        assertThat(leader.exists()).isFalse();
    }

    @Test
    void grandchildInASessionOfItsOwnLeftBehindByAServerThatExitsIsStopped() throws Exception {
        RecordingListener listener = new RecordingListener();
        StdioTransport transport = start(Fixtures.spec("escaping-grandchild.sh", "exit").build(), listener);
        ProcessIdentity grandchild = grandchild(listener.nextMessage());

        Eventually.until("the grandchild leaves the server's session", () -> ProcessStat.read(grandchild.pid())
                .map(stat -> stat.session() == grandchild.pid()).orElse(false));

        transport.send("{\"method\":\"exit\"}");

        // Its parent exited first, so only the mark in its environment leads to it.
        assertThat(listener.awaitEnd()).isEqualTo(TransportEnd.ended("exited with status 0"));
        // Swept right after the end is reported, so that the report is not delayed.
        Eventually.until("the grandchild is stopped", () -> !grandchild.isRunning(),
                () -> "the transport said: " + listener.diagnostics());
    }

    @Test
    void stderrFloodNeitherStallsMessagesNorGrowsMemory() throws Exception {
        CountDownLatch logStalled = new CountDownLatch(1);
        RecordingListener listener = new RecordingListener() {
            @Override
            public void onDiagnostic(String line) {
                try {
                    // A log that stops taking lines for a while.
                    logStalled.await(RecordingListener.PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                super.onDiagnostic(line);
            }
        };
        StdioTransport transport = start(Fixtures.spec("flood.sh").build(), listener);
        ProcessIdentity leader = identity(transport);
        StderrBounds relay = transport.stderrBounds().orElseThrow();

        Eventually.until("stderr lines are dropped while the log is stalled", () -> relay.droppedLines() > 0);
        for (int i = 0; i < 100; i++) {
            transport.send("{\"id\":" + i + "}");
            assertThat(listener.nextMessage()).isEqualTo("{\"id\":" + i + "}");
        }
        logStalled.countDown();

        Eventually.until("a line says how many stderr lines were dropped",
                () -> listener.diagnostics().stream().anyMatch(line -> line.startsWith("[zeroclaw: dropped ")));
        assertThat(relay.queuedPeak()).isLessThanOrEqualTo(StderrRelay.MAX_QUEUED_LINES);
        assertThat(listener.diagnostics()).allSatisfy(line -> assertThat(line.length()).isLessThan(9 * 1024));
        transport.close(STOP_DEADLINE);
        assertThat(listener.awaitEnd().kind()).isEqualTo(Kind.CLOSED);
        ProcessCheck.assertNothingLeft(leader);
    }

    @Test
    void messageOverFourMebibytesFailsTheTransportAndStopsTheServer() throws Exception {
        RecordingListener listener = new RecordingListener();
        StdioTransport transport = start(Fixtures.spec("big-line.sh").build(), listener);
        ProcessIdentity leader = identity(transport);

        assertEndsAndLeavesNothing(listener, leader,
                TransportEnd.failed("the server broke the framing: a line is longer than 4 MiB (4194304 bytes); stopping it"));
        assertThat(listener.messagesLeft()).isEmpty();
    }

    @Test
    void serverGetsTheDaemonsEnvironmentPlusItsOwnAndItsWorkingDirectory(@TempDir Path directory) throws Exception {
        RecordingListener listener = new RecordingListener();
        ServerSpec spec = Fixtures.spec("env-cwd.sh")
                .putEnv("ZEROCLAW_TEST_VAR", "from the server's env")
                .cwd(directory.toString())
                .build();
        start(spec, listener);

        assertThat(listener.nextMessage()).isEqualTo("{\"var\":\"from the server's env\",\"path\":\""
                + System.getenv("PATH") + "\",\"cwd\":\"" + directory.toRealPath() + "\"}");
    }

    @Test
    void missingCommandFailsStartWithOneClearLine(@TempDir Path directory) {
        RecordingListener listener = new RecordingListener();

        assertThatThrownBy(() -> Fixtures.transport(io(), ServerSpec.builder("x").command("zeroclaw-no-such-command").build())
                .start(listener))
                .isInstanceOf(IOException.class)
                .hasMessage("command not found: zeroclaw-no-such-command");
        assertThatThrownBy(() -> Fixtures.transport(io(), ServerSpec.builder("x").command("./no-such-server")
                        .cwd(directory.toString()).build())
                .start(listener))
                .isInstanceOf(IOException.class)
                .hasMessage("command not found: ./no-such-server");
        assertThatThrownBy(() -> Fixtures.transport(io(), ServerSpec.builder("x").command("bash")
                        .cwd(directory.resolve("gone").toString()).build())
                .start(listener))
                .isInstanceOf(IOException.class)
                .hasMessage("working directory not found: " + directory.resolve("gone"));
        assertThat(listener.hasEnded()).as("the listener is not called when start fails").isFalse();
    }

    @Test
    void systemdNotifyVariablesOfTheDaemonDoNotReachTheServer() {
        Map<String, String> daemon = Map.of("PATH", "/usr/bin", "NOTIFY_SOCKET", "/run/systemd/notify",
                "WATCHDOG_USEC", "30000000", "WATCHDOG_PID", "42", "HOME", "/home/zc");

        Map<String, String> server = StdioTransport.environment(daemon, Map.of("HOME", "/srv", "API_KEY", "k"), Set.of());

        assertThat(server).containsOnly(Map.entry("PATH", "/usr/bin"), Map.entry("HOME", "/srv"), Map.entry("API_KEY", "k"));
    }

    @Test
    void withheldVariablesOfTheDaemonDoNotReachTheServerButItsOwnEnvMaySetThem() {
        Map<String, String> daemon = Map.of("PATH", "/usr/bin", "ZC_GATEWAY_TOKEN", "s3cr3t", "SHARED", "daemon");

        Map<String, String> server = StdioTransport.environment(daemon, Map.of("SHARED", "server"),
                Set.of("ZC_GATEWAY_TOKEN", "SHARED"));

        assertThat(server).containsOnly(Map.entry("PATH", "/usr/bin"), Map.entry("SHARED", "server"));
    }

    @Test
    void aLaunchedServerDoesNotSeeAWithheldVariable() throws Exception {
        assertThat(System.getenv("HOME")).as("the test JVM has HOME to withhold").isNotNull();
        RecordingListener listener = new RecordingListener();
        ServerSpec spec = Fixtures.spec("env-withheld.sh").putEnv("ZEROCLAW_TEST_VAR", "own").build();
        StdioTransport transport = new StdioTransport(spec, new TransportContext(spec.name(), 1,
                Set.of("HOME", "ZEROCLAW_TEST_VAR")), io());
        started.add(transport);
        transport.start(listener);

        assertThat(listener.nextMessage()).isEqualTo("{\"home\":\"unset\",\"own\":\"own\"}");
    }

    @Test
    void commandIsFoundOnThePathOfTheServersOwnEnv(@TempDir Path directory) throws Exception {
        Path server = directory.resolve("my-server");
        Files.copy(Fixtures.path("echo.sh"), server);
        assertThat(server.toFile().setExecutable(true)).isTrue();
        RecordingListener listener = new RecordingListener();

        start(ServerSpec.builder("mine").command("my-server")
                .putEnv("PATH", directory + ":" + System.getenv("PATH")).build(), listener)
                .send("{\"id\":7}");

        assertThat(listener.nextMessage()).isEqualTo("{\"id\":7}");
    }

    @Test
    void serverKilledFromOutsideFailsWithTheSignal() throws Exception {
        RecordingListener listener = new RecordingListener();
        StdioTransport transport = startEchoing(listener);

        ProcessHandle.of(transport.pid().orElseThrow()).orElseThrow().destroyForcibly();

        assertThat(listener.awaitEnd()).isEqualTo(TransportEnd.failed("killed by signal 9 (SIGKILL)"));
    }

    @Test
    void scriptWithoutAShebangRunsWithTheBourneShellAsExecvpWould(@TempDir Path directory) throws Exception {
        Path script = Files.copy(Fixtures.path("no-shebang.sh"), directory.resolve("server"));
        assertThat(script.toFile().setExecutable(true)).isTrue();
        RecordingListener listener = new RecordingListener();

        start(ServerSpec.builder("plain").command(script.toString()).build(), listener);

        assertThat(listener.nextMessage()).isEqualTo("{\"shell\":\"sh\"}");
    }

    @Test
    void serverThatClosesItsStdinGetsSendsRefusedAndStillStops() throws Exception {
        RecordingListener listener = new RecordingListener();
        StdioTransport transport = start(Fixtures.spec("closed-stdin.sh").build(), listener);
        assertThat(listener.nextMessage()).isEqualTo("{\"stdin\":\"closed\"}");
        ProcessIdentity leader = identity(transport);

        Eventually.until("a send says the server's stdin is broken", () -> {
            try {
                transport.send("{\"id\":1}");
                return false;
            } catch (IOException e) {
                return e.getMessage().startsWith("message not sent: could not write to the stdin of server 'closed-stdin': ");
            }
        });
        transport.close(Duration.ofMillis(200));

        assertEndsAndLeavesNothing(listener, leader, TransportEnd.closed(
                "stopped by SIGTERM to its process group after closing stdin did not end it; killed by signal 15 (SIGTERM)"));
    }

    @Test
    void sendRefusesARawNewlineAndKeepsTheServerUsable() throws Exception {
        RecordingListener listener = new RecordingListener();
        StdioTransport transport = start(Fixtures.spec("echo.sh").build(), listener);

        assertThatThrownBy(() -> transport.send("{\"a\":\n1}"))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("raw newline");
        transport.send("{\"id\":2}");
        assertThat(listener.nextMessage()).isEqualTo("{\"id\":2}");
    }

    @Test
    void closeIsIdempotentAndSendAfterItFails() throws Exception {
        RecordingListener listener = new RecordingListener();
        StdioTransport transport = start(Fixtures.spec("echo.sh").build(), listener);

        transport.close(STOP_DEADLINE);
        transport.close(STOP_DEADLINE);

        assertThat(listener.awaitEnd().kind()).isEqualTo(Kind.CLOSED);
        assertThatThrownBy(() -> transport.send("{}")).isInstanceOf(IOException.class);
        transport.close(STOP_DEADLINE);
        listener.assertEndedOnce();
    }

    @Test
    void closeBeforeStartMakesStartFail() {
        StdioTransport transport = Fixtures.transport(io(), Fixtures.spec("echo.sh").build());

        transport.close(STOP_DEADLINE);

        assertThatThrownBy(() -> transport.start(new RecordingListener()))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("closed before it started");
        assertThat(transport.pid()).isEmpty();
    }

    @Test
    void closeFromTheListenersOwnCallbackEndsTheTransport() throws Exception {
        StdioTransport[] self = new StdioTransport[1];
        RecordingListener listener = new RecordingListener() {
            @Override
            public void onMessage(String message) {
                super.onMessage(message);
                self[0].close(STOP_DEADLINE);
            }
        };
        self[0] = Fixtures.transport(io(), Fixtures.spec("echo.sh").build());
        started.add(self[0]);
        self[0].start(listener);

        self[0].send("{\"method\":\"shutdown\"}");

        assertThat(listener.awaitEnd()).isEqualTo(TransportEnd.closed("stopped by closing its stdin; exited with status 0"));
        listener.assertEndedOnce();
    }

    @Test
    void concurrentSendsArriveWholeAndInEachSendersOrder() throws Exception {
        RecordingListener listener = new RecordingListener();
        StdioTransport transport = start(Fixtures.spec("echo.sh").build(), listener);
        int senders = 4;
        int each = 100;
        String padding = "p".repeat(1000);
        List<Thread> threads = new ArrayList<>();
        List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        for (int s = 0; s < senders; s++) {
            int sender = s;
            threads.add(new Thread(() -> {
                try {
                    for (int i = 0; i < each; i++) {
                        transport.send("{\"s\":" + sender + ",\"i\":" + i + ",\"pad\":\"" + padding + "\"}");
                    }
                } catch (IOException e) {
                    failures.add(e);
                }
            }));
        }
        threads.forEach(Thread::start);

        int[] next = new int[senders];
        for (int n = 0; n < senders * each; n++) {
            String message = listener.nextMessage();
            assertThat(message).endsWith(padding + "\"}");
            int sender = Integer.parseInt(message.substring(message.indexOf("\"s\":") + 4, message.indexOf(',')));
            int index = Integer.parseInt(message.substring(message.indexOf("\"i\":") + 4, message.indexOf(",\"pad\"")));
            assertThat(index).as("message %s of sender %s", index, sender).isEqualTo(next[sender]++);
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertThat(failures).isEmpty();
    }

    /** The echo server, started and shown to answer (so it has exec'd). */
    private StdioTransport startEchoing(RecordingListener listener) throws IOException, InterruptedException {
        StdioTransport transport = start(Fixtures.spec("echo.sh").build(), listener);
        transport.send("{\"jsonrpc\":\"2.0\",\"method\":\"ping\",\"id\":0}");
        assertThat(listener.nextMessage()).isEqualTo("{\"jsonrpc\":\"2.0\",\"method\":\"ping\",\"id\":0}");
        return transport;
    }

    private StdioTransport start(ServerSpec spec, RecordingListener listener) throws IOException {
        StdioTransport transport = Fixtures.transport(io(), spec);
        started.add(transport);
        transport.start(listener);
        return transport;
    }

    /** The end is {@code expected}, reported once, and no process of the server is left. */
    private static void assertEndsAndLeavesNothing(RecordingListener listener, ProcessIdentity leader,
            TransportEnd expected) throws InterruptedException {
        assertThat(listener.awaitEnd()).isEqualTo(expected);
        listener.assertEndedOnce();
        ProcessCheck.assertNothingLeft(leader);
    }

    private static ProcessIdentity identity(StdioTransport transport) {
        return ProcessIdentity.of(transport.pid().orElseThrow()).orElseThrow();
    }

    private static ProcessIdentity grandchild(String message) {
        long pid = Long.parseLong(message.replaceAll("\\D", ""));
        return ProcessIdentity.of(pid).orElseThrow();
    }
}
