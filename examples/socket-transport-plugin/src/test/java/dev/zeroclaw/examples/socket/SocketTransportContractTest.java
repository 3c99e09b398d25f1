package dev.zeroclaw.examples.socket;

import dev.zeroclaw.api.ServerSpec;
import dev.zeroclaw.api.transport.Transport;
import dev.zeroclaw.testing.ContractServer;
import dev.zeroclaw.testing.TransportContractTest;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The socket transport, built as this plugin's jar would hold it, against a line-echoing TCP server. */
class SocketTransportContractTest extends TransportContractTest {

    private static final String SERVER_THREAD = "echo-server";

    @Override
    protected List<Path> pluginClassPath() {
        return List.of(Path.of("target/classes"));
    }

    @Override
    protected String transportName() {
        return "socket";
    }

    @Override
    protected boolean isServerThread(Thread thread) {
        return thread.getName().startsWith(SERVER_THREAD);
    }

    @Override
    protected ContractServer startServer() throws IOException {
        return new EchoServer();
    }

    @Override
    protected ServerSpec unreachableServer() throws IOException {
        int port;
        try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = closed.getLocalPort();
        }
        return ServerSpec.builder("gone").transport("socket").url("tcp://127.0.0.1:" + port).build();
    }

    /** Answers each line with itself; going away closes the listening socket and every connection. */
    private static final class EchoServer implements ContractServer {

        private final ServerSocket listening = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        private final List<Socket> connections = new CopyOnWriteArrayList<>();

        EchoServer() throws IOException {
            Thread acceptor = new Thread(this::accept, SERVER_THREAD + "-accept");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        @Override
        public ServerSpec spec() {
            return ServerSpec.builder("echo").transport("socket").url("tcp://127.0.0.1:" + listening.getLocalPort()).build();
        }

        @Override
        public void goAway(Transport transport) throws IOException {
            close();
        }

        @Override
        public void close() throws IOException {
            listening.close();
            for (Socket connection : connections) {
                connection.close();
            }
        }

        private void accept() {
            while (!listening.isClosed()) {
                try {
                    Socket connection = listening.accept();
                    connections.add(connection);
                    Thread echo = new Thread(() -> echo(connection), SERVER_THREAD + "-connection");
                    echo.setDaemon(true);
                    echo.start();
                } catch (IOException e) {
                    return;
                }
            }
        }

        private static void echo(Socket connection) {
            try (connection;
                    BufferedReader in = new BufferedReader(new InputStreamReader(connection.getInputStream(), StandardCharsets.UTF_8));
                    OutputStream out = connection.getOutputStream()) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
                    out.flush();
                }
            } catch (IOException e) {
                // The test made the server go away.
            }
        }
    }
}
