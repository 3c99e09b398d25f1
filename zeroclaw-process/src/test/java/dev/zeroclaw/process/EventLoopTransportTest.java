package dev.zeroclaw.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.zeroclaw.api.transport.TransportContext;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import jnr.ffi.LibraryLoader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the event-loop transport promises beyond {@link StdioTransportTest}'s contract: no thread
 * per server, and a child that starts clean (no descriptor of the daemon's, no signal the daemon
 * ignores). Skipped where the platform has no event loop (not Linux, glibc before 2.34, no pidfd).
 */
class EventLoopTransportTest {

    private static final Duration STOP_DEADLINE = Duration.ofSeconds(20);

    private final List<StdioTransport> started = new ArrayList<>();

    @BeforeEach
    void eventLoopIsAvailable() {
        assumeTrue(NativeIo.probe().io().isPresent(), "no event loop here: " + NativeIo.probe().reason());
    }

    @AfterEach
    void stopEverything() {
        started.forEach(transport -> transport.close(Duration.ZERO));
    }

    @Test
    void theDaemonChoosesTheEventLoopWhereThePlatformHasIt() {
        assertThat(ProcessIo.system().description()).isEqualTo("io=poll");
        assertThat(ProcessIo.choose("threads").description()).isEqualTo("io=threads reason=zeroclaw.process.io=threads");
    }

    @Test
    void twentyServersRunWithoutAThreadPerServer() throws Exception {
        startEchoing("warm-up");
        Set<String> before = threadNames();

        for (int i = 0; i < 20; i++) {
            startEchoing("many" + i);
        }

        Set<String> after = threadNames();
        assertThat(after).as("no thread is named for a server").noneMatch(name -> name.contains("many"));
        assertThat(after.stream().filter(name -> name.startsWith("process reaper")).count())
                .as("no JDK reaper thread per child")
                .isLessThanOrEqualTo(before.stream().filter(name -> name.startsWith("process reaper")).count());
        Set<String> added = new HashSet<>(after);
        added.removeAll(before);
        // Threads the transport could have started: zeroclaw's own, and the JDK's for its Process.
        added.removeIf(name -> !name.startsWith("zeroclaw") && !name.startsWith("process reaper"));
        assertThat(added).as("threads that came with the twenty servers: at most the loop's workers")
                .allMatch(name -> name.startsWith("zeroclaw-io-worker-"))
                .hasSizeLessThanOrEqualTo(ProcessIo.WORKERS);
    }

    @Test
    void serverInheritsNoDescriptorOfTheDaemon() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            StdioTransport transport = startEchoing("fds");
            long pid = transport.pid().orElseThrow();

            Map<String, String> descriptors;
            try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
                descriptors = fds.collect(Collectors.toMap(fd -> fd.getFileName().toString(), EventLoopTransportTest::target));
            }

            assertThat(descriptors).as("stdin, stdout and stderr are pipes").containsKeys("0", "1", "2");
            assertThat(List.of(descriptors.get("0"), descriptors.get("1"), descriptors.get("2")))
                    .allMatch(target -> target.startsWith("pipe:"));
            descriptors.keySet().removeAll(Set.of("0", "1", "2"));
            assertThat(descriptors.values()).as("bash's own descriptor for its script, and nothing of the daemon's")
                    .allMatch(target -> target.equals(Fixtures.path("echo.sh").toString()));
        }
    }

    @Test
    void signalTheDaemonIgnoresIsAtItsDefaultInTheServer() throws Exception {
        int sighup = 1;
        Signals signals = LibraryLoader.create(Signals.class).load("c");
        long previous = signals.signal(sighup, Signals.SIG_IGN);
        try {
            assertThat(ignoredSignals(ProcessHandle.current().pid()) & 1L).as("this JVM ignores SIGHUP, as under nohup")
                    .isEqualTo(1L);

            StdioTransport transport = startEchoing("nohup");

            assertThat(ignoredSignals(transport.pid().orElseThrow()) & 1L).as("the server does not").isZero();
        } finally {
            signals.signal(sighup, previous);
        }
    }

    /** Just {@code signal(2)}, to make this JVM ignore a signal as {@code nohup} would. */
    public interface Signals {
        long SIG_IGN = 1;

        long signal(int signal, long handler);
    }

    private StdioTransport startEchoing(String name) throws IOException, InterruptedException {
        RecordingListener listener = new RecordingListener();
        StdioTransport transport = new StdioTransport(Fixtures.spec("echo.sh").build(), new TransportContext(name, 1),
                ProcessIo.system());
        started.add(transport);
        transport.start(listener);
        transport.send("{\"id\":0}");
        assertThat(listener.nextMessage()).isEqualTo("{\"id\":0}");
        return transport;
    }

    private static Set<String> threadNames() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .collect(Collectors.toSet());
    }

    private static String target(Path fd) {
        try {
            return Files.readSymbolicLink(fd).toString();
        } catch (IOException e) {
            return "unreadable: " + e.getMessage();
        }
    }

    private static long ignoredSignals(long pid) throws IOException {
        return Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")).stream()
                .filter(line -> line.startsWith("SigIgn:"))
                .map(line -> Long.parseUnsignedLong(line.substring("SigIgn:".length()).trim(), 16))
                .findFirst().orElseThrow();
    }
}
