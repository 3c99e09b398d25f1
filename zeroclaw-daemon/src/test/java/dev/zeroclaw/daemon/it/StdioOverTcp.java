package dev.zeroclaw.daemon.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stdio MCP server offered on a TCP port of 127.0.0.1, one process per connection, the way
 * systemd socket activation with {@code Accept=yes} or inetd offers one: what the socket transport
 * plugin talks to in the integration tests.
 */
final class StdioOverTcp implements AutoCloseable {

    private final ServerSocket listener;
    private final List<String> command;
    private final List<Process> processes = new CopyOnWriteArrayList<>();
    private final AtomicInteger connections = new AtomicInteger();

    private StdioOverTcp(ServerSocket listener, List<String> command) {
        this.listener = listener;
        this.command = List.copyOf(command);
    }

    static StdioOverTcp serve(List<String> command) throws IOException {
        StdioOverTcp bridge = new StdioOverTcp(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()), command);
        Thread acceptor = new Thread(bridge::accept, "stdio-over-tcp");
        acceptor.setDaemon(true);
        acceptor.start();
        return bridge;
    }

    int port() {
        return listener.getLocalPort();
    }

    /** Connections accepted so far. */
    int connections() {
        return connections.get();
    }

    /** Server processes still running. */
    long running() {
        return processes.stream().filter(Process::isAlive).count();
    }

    @Override
    public void close() throws IOException {
        listener.close();
        processes.forEach(process -> {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        });
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket socket = listener.accept();
                connections.incrementAndGet();
                Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
                processes.add(process);
                // Socket to stdin; at the socket's end of input, stdin closes and the server exits by itself.
                pipe(socket.getInputStream(), process.getOutputStream(), () -> { });
                // Stdout to the socket; when the server exits, the connection closes.
                pipe(process.getInputStream(), socket.getOutputStream(), () -> close(socket));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private static void pipe(InputStream from, OutputStream to, Runnable atEnd) {
        Thread thread = new Thread(() -> {
            try (from; to) {
                byte[] buffer = new byte[8192];
                for (int n = from.read(buffer); n >= 0; n = from.read(buffer)) {
                    to.write(buffer, 0, n);
                    to.flush(); // a process's stdin is buffered: each message must go through at once
                }
            } catch (IOException e) {
                // One side went away: the other is closed below.
            } finally {
                atEnd.run();
            }
        }, "stdio-over-tcp-pipe");
        thread.setDaemon(true);
        thread.start();
    }

    private static void close(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // Closed either way.
        }
    }
}
