package dev.zeroclaw.process;

import static java.util.Objects.requireNonNull;

import dev.zeroclaw.api.ServerSpec;
import dev.zeroclaw.api.transport.Transport;
import dev.zeroclaw.api.transport.TransportContext;
import dev.zeroclaw.api.transport.TransportLifecycle;
import dev.zeroclaw.api.transport.TransportListener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * An MCP server run as a child process that speaks newline-delimited JSON-RPC on its stdin and
 * stdout and writes diagnostics to stderr.
 *
 * <p>Served one of two ways, chosen once per daemon ({@link ProcessIo}): on the shared event loop,
 * spawned with {@code posix_spawn} in a new session ({@link NativeSpawn}, {@link ReactorServer}), or
 * with threads of its own ({@link LaunchedServer}), launched as follows.
 *
 * <p>Launch with threads: {@code setsid -- command args...}, never through a shell. A child of the JVM is not
 * a process-group leader, so util-linux {@code setsid} creates the new session in place and execs
 * the command: the child's pid is the server's pid, its session id and its process-group id. The
 * environment is the daemon's, less what the daemon withholds (see {@link #environment}), plus the
 * server's {@code env}; the working directory is {@code cwd} when set.
 *
 * <p>Stop ({@link #close}): the MCP specification's sequence for stdio, see {@link StopSequence};
 * afterwards, and also when the server exits by itself, whatever is left in its process group is
 * killed, so no grandchild outlives it.
 *
 * <p>Messages from the server are capped at 4 MiB: a longer line ends the transport as FAILED and
 * stops the server. Each stderr line is cut at 8 KiB and relayed through a bounded queue (see
 * {@link StderrRelay}), so a slow log never stalls the server and memory stays bounded.
 *
 * <p>{@link #send} never waits on the server: its stdin is written from a queue of at most
 * {@link StdinQueue#MAX_QUEUED_BYTES} (by the loop, or a thread of its own); when a server stops reading and the queue is full,
 * a send fails at once with an {@link IOException} that names the server.
 */
public final class StdioTransport implements Transport {

    private final ServerSpec spec;
    private final TransportContext context;
    private final ProcessIo io;

    private final TransportLifecycle life = new TransportLifecycle();
    // Set once by start(), once the server runs.
    private volatile RunningServer server;

    public StdioTransport(ServerSpec spec, TransportContext context) {
        this(spec, context, ProcessIo.system());
    }

    /** With a given kind of I/O: for tests that run both. */
    StdioTransport(ServerSpec spec, TransportContext context, ProcessIo io) {
        this.spec = requireNonNull(spec, "spec is null");
        this.context = requireNonNull(context, "context is null");
        this.io = requireNonNull(io, "io is null");
    }

    /**
     * Launches the server.
     *
     * @throws IOException with a one-line reason: {@code command not found: foo}, a missing working
     *     directory, no {@code setsid} on the daemon's PATH (with threads)
     * @throws IllegalStateException when called a second time
     */
    @Override
    public void start(TransportListener listener) throws IOException {
        life.starting(listener);
        Duration stopDeadline = Duration.ofSeconds(spec.stopTimeoutSecs());
        RunningServer launched;
        try {
            ProcessTag tag = ProcessTag.random();
            launched = io.loop().isPresent()
                    ? ReactorServer.serve(io, spawn(io.loop().get(), tag), tag, life, stopDeadline, context.serverName())
                    : LaunchedServer.serve(launch(tag), tag, life, stopDeadline, context.serverName(),
                            "zeroclaw-" + context.serverName() + "#" + context.instance());
        } catch (IOException | RuntimeException e) {
            life.startFailed();
            throw e;
        }
        server = launched;
        try {
            life.started();
        } catch (IOException e) {
            // close() came while the server was launched: it found none to stop, so stop it here.
            launched.close(stopDeadline);
            throw e;
        }
    }

    @Override
    public void send(String message) throws IOException {
        requireNonNull(message, "message is null");
        RunningServer running = server;
        if (running == null) {
            throw new IOException("message not sent: the transport is not started");
        }
        running.send(message);
    }

    @Override
    public OptionalLong pid() {
        RunningServer running = server;
        return running == null ? OptionalLong.empty() : OptionalLong.of(running.pid());
    }

    /**
     * Stops the server: closes its stdin and waits up to {@code deadline}, then SIGTERM to its
     * process group and waits up to {@code deadline}, then SIGKILL. Returns once the server is
     * reaped and its group swept, within about {@code deadline} plus one second (a few more at worst).
     * Called from a listener callback, it starts the stop and returns at once.
     */
    @Override
    public void close(Duration deadline) {
        requireNonNull(deadline, "deadline is null");
        life.close();
        // Every call, not only the first, waits until the server is gone: the server is stopped once.
        RunningServer running = server;
        if (running != null) {
            running.close(deadline);
        }
    }

    /** The stderr relay's bounds, for tests. Empty before start. */
    Optional<StderrBounds> stderrBounds() {
        RunningServer running = server;
        return running == null ? Optional.empty() : Optional.of(running.stderr());
    }

    /**
     * A server's environment: the daemon's, less {@link #INHERITED_NOT_PASSED} and less
     * {@code withheld} (the context's {@link TransportContext#withheldEnvironment()}: the gateway's
     * token variable), plus the server's own {@code env}, which wins.
     */
    static Map<String, String> environment(Map<String, String> daemon, Map<String, String> server, Set<String> withheld) {
        Map<String, String> environment = new HashMap<>(daemon);
        // systemd's notify variables address the daemon, not its servers: a server that also
        // speaks sd_notify would otherwise tell systemd it is ready or stopping on our behalf.
        INHERITED_NOT_PASSED.forEach(environment::remove);
        // The daemon's secrets: a server that had the gateway's token could call every other server.
        withheld.forEach(environment::remove);
        environment.putAll(server);
        return environment;
    }

    /** Variables of the daemon's environment a server does not inherit. */
    static final List<String> INHERITED_NOT_PASSED = List.of("NOTIFY_SOCKET", "WATCHDOG_USEC", "WATCHDOG_PID");

    /** Spawns the server for the event loop: in a new session, as {@link NativeSpawn} says, without setsid. */
    private NativeSpawn.Child spawn(EventLoop loop, ProcessTag tag) throws IOException {
        Path workingDirectory = workingDirectory();
        Map<String, String> environment = new HashMap<>(
                environment(System.getenv(), spec.env(), context.withheldEnvironment()));
        environment.put(ProcessTag.VARIABLE, tag.value());
        String command = spec.command();
        Path executable = new ExecutableSearch(Optional.ofNullable(environment.get("PATH")), workingDirectory).find(command)
                .orElseThrow(() -> new IOException(notFound(command, workingDirectory)));
        List<String> argv = new ArrayList<>();
        argv.add(command);
        argv.addAll(spec.args());
        try {
            return new NativeSpawn(loop.io()).spawn(executable, argv, environment, workingDirectory);
        } catch (IOException e) {
            throw new IOException("could not start " + command + ": " + e.getMessage(), e);
        }
    }

    private Process launch(ProcessTag tag) throws IOException {
        Path workingDirectory = workingDirectory();
        ProcessBuilder builder = new ProcessBuilder();
        Map<String, String> environment = builder.environment();
        Map<String, String> wanted = environment(environment, spec.env(), context.withheldEnvironment());
        environment.clear();
        environment.putAll(wanted);
        environment.put(ProcessTag.VARIABLE, tag.value());
        String command = spec.command();
        if (new ExecutableSearch(Optional.ofNullable(environment.get("PATH")), workingDirectory).find(command).isEmpty()) {
            throw new IOException(notFound(command, workingDirectory));
        }
        List<String> line = new ArrayList<>();
        line.add(setsid(workingDirectory).toString());
        line.add("--");
        line.add(command);
        line.addAll(spec.args());
        builder.command(line);
        builder.directory(workingDirectory.toFile());
        try {
            return builder.start();
        } catch (IOException e) {
            throw new IOException("could not start " + command + ": " + e.getMessage(), e);
        }
    }

    private Path workingDirectory() throws IOException {
        if (spec.cwd().isEmpty()) {
            return Path.of("").toAbsolutePath();
        }
        String cwd = spec.cwd().get();
        Path directory;
        try {
            directory = Path.of(cwd).toAbsolutePath();
        } catch (InvalidPathException e) {
            throw new IOException("working directory is not a valid path: " + cwd);
        }
        if (!Files.isDirectory(directory)) {
            throw new IOException(Files.exists(directory)
                    ? "working directory is not a directory: " + cwd
                    : "working directory not found: " + cwd);
        }
        return directory;
    }

    private static Path setsid(Path workingDirectory) throws IOException {
        return new ExecutableSearch(Optional.ofNullable(System.getenv("PATH")), workingDirectory).find("setsid")
                .or(() -> new ExecutableSearch(Optional.empty(), workingDirectory).find("setsid"))
                .orElseThrow(() -> new IOException("cannot start a stdio server: setsid (util-linux) is not installed "
                        + "or not on the daemon's PATH"));
    }

    private static String notFound(String command, Path workingDirectory) {
        if (command.indexOf('/') >= 0) {
            Path path = workingDirectory.resolve(command);
            if (Files.isDirectory(path)) {
                return "command is a directory: " + command;
            }
            if (Files.exists(path)) {
                return "command is not executable: " + command;
            }
        }
        return "command not found: " + command;
    }
}
