package dev.zeroclaw.daemon.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The MCP reference server {@code @modelcontextprotocol/server-everything} in one of its network
 * modes ({@code streamableHttp} at {@code /mcp}, {@code sse} at {@code /sse}), on a port of
 * 127.0.0.1, as a real process the test can stop and start again.
 */
final class EverythingServer implements AutoCloseable {

    static final Path BIN = Zeroclaw.ROOT.resolve("node_modules/.bin/mcp-server-everything");
    /**
     * The tools server-everything 2026.8.31 lists to a client that declares sampling, elicitation
     * and roots, as zeroclaw does: 13, plus trigger-sampling-request, trigger-elicitation-request
     * and get-roots-list.
     */
    static final int TOOLS = 16;

    private final String mode;
    private final int port;
    private final Path log;
    private Process process;

    private EverythingServer(String mode, int port, Path log) {
        this.mode = mode;
        this.port = port;
        this.log = log;
    }

    /** Starts the server and waits until its port accepts connections. */
    static EverythingServer start(String mode, Path log) throws IOException, InterruptedException {
        assertThat(BIN).as("run 'npm ci' in the repository first").exists();
        EverythingServer server = new EverythingServer(mode, freePort(), log);
        server.restart();
        return server;
    }

    /** {@code http://127.0.0.1:port/mcp} or {@code .../sse}. */
    String url() {
        return "http://127.0.0.1:" + port + (mode.equals("sse") ? "/sse" : "/mcp");
    }

    /** Starts it (again, on the same port) and waits until it listens. */
    void restart() throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(BIN.toString(), mode)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().put("PORT", Integer.toString(port));
        process = builder.start();
        long deadline = System.nanoTime() + RunningDaemon.DEADLINE.toNanos();
        while (!listening()) {
            if (!process.isAlive()) {
                throw new AssertionError("server-everything " + mode + " exited (" + process.exitValue() + "); see " + log);
            }
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("server-everything " + mode + " does not listen on " + port + "; see " + log);
            }
            Thread.sleep(50);
        }
    }

    /** Kills it, as a crash or a lost host would end it. */
    void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            assertThat(process.waitFor(RunningDaemon.DEADLINE.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }

    private boolean listening() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), (int) Duration.ofSeconds(1).toMillis());
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
