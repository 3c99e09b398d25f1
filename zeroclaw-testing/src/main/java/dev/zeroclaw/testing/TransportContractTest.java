package dev.zeroclaw.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.zeroclaw.api.ServerSpec;
import dev.zeroclaw.api.transport.Transport;
import dev.zeroclaw.api.transport.TransportContext;
import dev.zeroclaw.api.transport.TransportEnd;
import dev.zeroclaw.api.transport.TransportProvider;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every transport must keep (docs/plugins.md, "The contract"), as JUnit 5 tests a
 * plugin author inherits: extend this class, say where the plugin's classes are, and start a live
 * server for each test.
 *
 * <pre>{@code
 * class MyTransportContractTest extends TransportContractTest {
 *     protected List<Path> pluginClassPath() { return List.of(Path.of("target/classes")); }
 *     protected String transportName() { return "my-transport"; }
 *     protected ContractServer startServer() throws Exception { ... }
 *     protected ServerSpec unreachableServer() { ... }
 * }
 * }</pre>
 *
 * <p>The provider is loaded from {@link #pluginClassPath()} in the daemon's plugin class loader
 * ({@link PluginHarness}), so a provider that links against a class its plugin lacks fails here.
 * Every spec the tests open carries a secret value where the server's transport reads secrets: an
 * {@code env} value when it has a {@code command}, a {@code headers} value when it has a
 * {@code url} (a provider refuses the table its transport does not use). After each test, no
 * exception message and no {@link TransportEnd} reason seen may contain one.
 */
public abstract class TransportContractTest {

    /** What the tests pass to {@link Transport#close}. */
    protected static final Duration CLOSE_DEADLINE = Duration.ofSeconds(2);
    /** What {@code close} may take beyond its deadline (docs/plugins.md: "plus a second"). */
    protected static final Duration CLOSE_SLACK = Duration.ofSeconds(1);
    /** How long a transport's threads may take to end after {@code close} returned. */
    protected static final Duration THREADS_END_WITHIN = Duration.ofSeconds(10);

    private static final String INITIALIZE = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":"
            + "{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"contract-test\",\"version\":\"1\"}}}";
    private static final String PING = "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"ping\"}";
    /** Threads of the JDK that outlive any one user (shared pools, the process reaper), not the transport's. */
    private static final List<String> SHARED_JDK_THREADS = List.of("ForkJoinPool.commonPool-", "CompletableFutureDelayScheduler",
            "process reaper", "Common-Cleaner", "Attach Listener", "Reference Handler", "Finalizer", "Signal Dispatcher");

    private final String envSecret = "env-secret-" + UUID.randomUUID();
    private final String headerSecret = "header-secret-" + UUID.randomUUID();
    private final List<String> seen = new CopyOnWriteArrayList<>();
    private final List<Transport> opened = new ArrayList<>();
    private TransportProvider provider;
    private ContractServer server;
    private long instances;

    /** The plugin's jars and classes folders, as its plugin folder would hold them (e.g. {@code target/classes}). */
    protected abstract List<Path> pluginClassPath() throws Exception;

    /** The {@code transport} name of the provider under test. */
    protected abstract String transportName();

    /** A live server the transport can start against, for one test. */
    protected abstract ContractServer startServer() throws Exception;

    /** An entry whose {@code start} must fail: nothing listens there, no such command. */
    protected abstract ServerSpec unreachableServer() throws Exception;

    /**
     * The provider under test, loaded as the daemon loads a plugin. A built-in transport, which
     * the daemon loads from its own class path, may override this; a plugin should not.
     */
    protected TransportProvider provider() throws Exception {
        return PluginHarness.load(transportName(), pluginClassPath());
    }

    /**
     * Threads that are not the transport's although they appear while it runs: those of the
     * server under test when it runs inside the test's JVM. None by default.
     */
    protected boolean isServerThread(Thread thread) {
        return false;
    }

    @BeforeEach
    public final void loadProviderAndStartServer() throws Exception {
        provider = provider();
        assertThat(provider.name()).isEqualTo(transportName());
        server = startServer();
    }

    @AfterEach
    public final void closeEverythingAndLookForSecrets() throws Exception {
        for (Transport transport : opened) {
            transport.close(CLOSE_DEADLINE);
        }
        if (server != null) {
            server.close();
        }
        assertThat(seen).as("exception messages and end reasons").noneSatisfy(text -> assertThat(text)
                .as("a secret value of env or headers").containsAnyOf(envSecret, headerSecret));
    }

    @Test
    public void aSecondStartFailsClearly() throws Exception {
        Transport transport = open(liveSpec());
        RecordingListener listener = new RecordingListener();
        transport.start(listener);

        Throwable second = catchThrowable(() -> transport.start(new RecordingListener()));

        assertThat(second).as("a second start").isNotNull().isInstanceOfAny(IOException.class, IllegalStateException.class);
        observe(second);
        assertThat(second.getMessage()).as("the message of a second start's failure").isNotBlank();
        transport.send(INITIALIZE);
        transport.close(CLOSE_DEADLINE);
        Eventually.until("onClosed after close", () -> !listener.ends().isEmpty());
        listener.ends().forEach(end -> seen.add(end.reason()));
        assertThat(listener.ends()).as("onClosed calls").hasSize(1);
    }

    @Test
    public void closeBeforeStartIsSafeAndFinal() throws Exception {
        Transport transport = open(liveSpec());
        RecordingListener listener = new RecordingListener();

        transport.close(CLOSE_DEADLINE);
        transport.close(CLOSE_DEADLINE);

        assertThatThrownBy(() -> transport.start(listener)).as("start after close").isInstanceOf(IOException.class)
                .satisfies(this::observe);
        assertThatThrownBy(() -> transport.send(PING)).as("send after close").isInstanceOf(IOException.class)
                .satisfies(this::observe);
        assertThat(listener.heardAnything()).as("the listener of a transport that never started").isFalse();
    }

    @Test
    public void onClosedComesExactlyOnceWhenTheServerGoesAway() throws Exception {
        Transport transport = open(liveSpec());
        RecordingListener listener = new RecordingListener();
        transport.start(listener);
        transport.send(INITIALIZE);

        server.goAway(transport);
        awaitEndWhileSending(transport, listener);
        transport.close(CLOSE_DEADLINE);

        assertThat(onlyEnd(listener).kind()).as("how a server that went away ended")
                .isIn(TransportEnd.Kind.FAILED, TransportEnd.Kind.ENDED);
    }

    @Test
    public void onClosedComesExactlyOnceWhenClosed() throws Exception {
        Transport transport = open(liveSpec());
        RecordingListener listener = new RecordingListener();
        transport.start(listener);
        transport.send(INITIALIZE);

        transport.close(CLOSE_DEADLINE);
        Eventually.until("onClosed after close", () -> !listener.ends().isEmpty());
        transport.close(CLOSE_DEADLINE);

        assertThat(onlyEnd(listener).kind()).isEqualTo(TransportEnd.Kind.CLOSED);
        assertThatThrownBy(() -> transport.send(PING)).as("send after close").isInstanceOf(IOException.class)
                .satisfies(this::observe);
    }

    @Test
    public void theTransportsThreadsEndAfterClose() throws Exception {
        Set<Thread> before = new HashSet<>(Thread.getAllStackTraces().keySet());
        Transport transport = open(liveSpec());
        RecordingListener listener = new RecordingListener();
        transport.start(listener);
        transport.send(INITIALIZE);
        transport.send(PING);

        transport.close(CLOSE_DEADLINE);

        Eventually.until("the transport's threads end after close", THREADS_END_WITHIN,
                () -> newThreads(before).isEmpty(), () -> "(still running: " + newThreads(before) + ")");
        Eventually.until("onClosed after close", () -> !listener.ends().isEmpty());
        listener.ends().forEach(end -> seen.add(end.reason()));
        assertThat(listener.ends()).as("onClosed calls").hasSize(1);
    }

    @Test
    public void closeReturnsWithinAboutItsDeadline() throws Exception {
        Transport transport = open(liveSpec());
        transport.start(new RecordingListener());
        transport.send(INITIALIZE);

        long began = System.nanoTime();
        transport.close(CLOSE_DEADLINE);
        Duration took = Duration.ofNanos(System.nanoTime() - began);

        assertThat(took).as("close(%s)", CLOSE_DEADLINE).isLessThanOrEqualTo(CLOSE_DEADLINE.plus(CLOSE_SLACK));
    }

    /**
     * A transport with a connection of its own fails {@code start} with one line and never calls
     * the listener; one without (Streamable HTTP connects per message) may start, and must then
     * end {@code FAILED} once a message cannot be delivered.
     */
    @Test
    public void anUnreachableServerIsReportedInOneLine() throws Exception {
        Transport transport = open(withSecrets(unreachableServer()));
        RecordingListener listener = new RecordingListener();

        Throwable failure = catchThrowable(() -> transport.start(listener));

        if (failure != null) {
            assertThat(failure).as("start against an unreachable server").isInstanceOf(IOException.class);
            observe(failure);
            assertThat(failure.getMessage()).as("the reason, one line a person can act on").isNotBlank().doesNotContain("\n");
            transport.close(CLOSE_DEADLINE);
            assertThat(listener.heardAnything()).as("the listener of a start that failed").isFalse();
            return;
        }
        try {
            transport.send(INITIALIZE);
        } catch (IOException e) {
            observe(e);
        }
        Eventually.until("onClosed after a message to an unreachable server", () -> !listener.ends().isEmpty());
        transport.close(CLOSE_DEADLINE);
        assertThat(onlyEnd(listener).kind()).isEqualTo(TransportEnd.Kind.FAILED);
    }

    @Test
    public void noSecretReachesAMessageWhenTheServerIsGone() throws Exception {
        Transport transport = open(liveSpec());
        RecordingListener listener = new RecordingListener();
        transport.start(listener);
        transport.send(INITIALIZE);
        server.goAway(transport);
        awaitEndWhileSending(transport, listener);
        Throwable afterEnd = catchThrowable(() -> transport.send(PING));
        observe(afterEnd);
        transport.close(CLOSE_DEADLINE);
        listener.ends().forEach(end -> seen.add(end.reason()));
        // Checked for secrets after the test, with every message seen.
        assertThat(seen).isNotEmpty();
    }

    /** A transport without a connection of its own (HTTP) notices that its server went away only when it next sends. */
    private void awaitEndWhileSending(Transport transport, RecordingListener listener) {
        Eventually.until("onClosed after the server went away", Eventually.PATIENCE, () -> {
            if (listener.ends().isEmpty()) {
                try {
                    transport.send(PING);
                } catch (IOException e) {
                    observe(e);
                }
            }
            return !listener.ends().isEmpty();
        }, () -> "(heard " + listener.messages() + ")");
    }

    private Transport open(ServerSpec spec) {
        Transport transport = provider.open(spec, new TransportContext(spec.name(), ++instances));
        assertThat(transport).as("open's transport").isNotNull();
        opened.add(transport);
        return transport;
    }

    /** The one end the listener heard, its reason one line and kept to look for secrets. */
    private TransportEnd onlyEnd(RecordingListener listener) {
        List<TransportEnd> ends = listener.ends();
        ends.forEach(end -> seen.add(end.reason()));
        assertThat(ends).as("onClosed calls").hasSize(1);
        assertThat(ends.get(0).reason()).as("the end's reason, one line").isNotBlank().doesNotContain("\n");
        return ends.get(0);
    }

    private ServerSpec liveSpec() {
        return withSecrets(server.spec());
    }

    private ServerSpec withSecrets(ServerSpec spec) {
        ServerSpec.Builder builder = spec.toBuilder();
        if (!spec.command().isEmpty()) {
            builder.putEnv("ZEROCLAW_CONTRACT_SECRET", envSecret);
        }
        if (spec.url().isPresent()) {
            builder.putHeader("X-Zeroclaw-Contract-Secret", headerSecret);
        }
        return builder.build();
    }

    /** Remembers every message of a failure and its causes, to look for secrets after the test. */
    private void observe(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            seen.add(String.valueOf(cause));
            if (cause.getCause() == cause) {
                break;
            }
        }
    }

    private Set<String> newThreads(Set<Thread> before) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> !before.contains(thread) && thread.isAlive())
                .filter(thread -> SHARED_JDK_THREADS.stream().noneMatch(thread.getName()::startsWith))
                .filter(thread -> !isServerThread(thread))
                .map(Thread::getName)
                .collect(Collectors.toSet());
    }
}
