package dev.zeroclaw.examples.socket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zeroclaw.api.ConfigError;
import dev.zeroclaw.api.ServerSpec;
import dev.zeroclaw.api.TransportOptions;
import dev.zeroclaw.api.transport.ServerEntry;
import dev.zeroclaw.api.transport.Transport;
import dev.zeroclaw.api.transport.TransportContext;
import dev.zeroclaw.api.transport.TransportEnd;
import dev.zeroclaw.api.transport.TransportListener;
import dev.zeroclaw.config.ConfigParser;
import dev.zeroclaw.config.ParsedConfig;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The socket transport against a line-echoing server on 127.0.0.1 and on a Unix socket. */
class SocketTransportTest {

    private static final long PATIENCE_SECONDS = 20;

    @TempDir
    Path dir;

    private final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
    private final CompletableFuture<TransportEnd> end = new CompletableFuture<>();
    private final TransportListener listener = new TransportListener() {
        @Override
        public void onMessage(String message) {
            messages.add(message);
        }

        @Override
        public void onClosed(TransportEnd transportEnd) {
            if (!end.complete(transportEnd)) {
                throw new AssertionError("onClosed called twice");
            }
        }
    };

    @Test
    void linesGoBothWaysOverTcpAndCloseHalfClosesSoTheServerSeesTheEndOfInput() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Transport transport = open("tcp://127.0.0.1:" + server.getLocalPort());
            CompletableFuture<String> serverSaw = CompletableFuture.supplyAsync(() -> echoOnce(server));

            transport.send("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}");
            assertThat(messages.poll(PATIENCE_SECONDS, TimeUnit.SECONDS)).isEqualTo("{\"echo\":{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}}");
            transport.close(Duration.ofSeconds(5));

            assertThat(serverSaw.get(PATIENCE_SECONDS, TimeUnit.SECONDS)).isEqualTo("end of input");
            assertThat(end.get(PATIENCE_SECONDS, TimeUnit.SECONDS).kind()).isEqualTo(TransportEnd.Kind.CLOSED);
        }
    }

    @Test
    void aServerThatClosesTheConnectionEndsTheTransportAsFailed() throws Exception {
        Path socket = dir.resolve("server.sock");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(socket));
            Transport transport = open("unix://" + socket);
            try (SocketChannel accepted = server.accept()) {
                accepted.write(ByteBuffer.wrap("{\"hello\":1}\n".getBytes(StandardCharsets.UTF_8)));
            }

            assertThat(messages.poll(PATIENCE_SECONDS, TimeUnit.SECONDS)).isEqualTo("{\"hello\":1}");
            TransportEnd ended = end.get(PATIENCE_SECONDS, TimeUnit.SECONDS);
            assertThat(ended.kind()).isEqualTo(TransportEnd.Kind.FAILED);
            assertThat(ended.reason()).isEqualTo("the server closed the connection");
            transport.close(Duration.ofSeconds(1));
        }
    }

    @Test
    void aRefusedConnectionFailsStartInOneLine() throws Exception {
        int port;
        try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = closed.getLocalPort();
        }
        Transport transport = new SocketTransportProvider().open(spec("tcp://127.0.0.1:" + port), new TransportContext("s", 1));

        assertThatThrownBy(() -> transport.start(listener)).isInstanceOf(IOException.class)
                .hasMessage("cannot connect to tcp://127.0.0.1:" + port + ": connection refused");
    }

    @Test
    void validateWantsATcpOrUnixUrlAndNoCommand() {
        SocketTransportProvider provider = new SocketTransportProvider();

        assertThat(provider.validate(entry(spec("tcp://127.0.0.1:9000")))).isEmpty();
        assertThat(provider.validate(entry(spec("unix:///run/mcp.sock")))).isEmpty();
        assertThat(provider.validate(entry(spec("http://127.0.0.1:9000")))).extracting(ConfigError::message)
                .containsExactly("url: the socket transport needs url = \"tcp://host:port\" or url = "
                        + "\"unix:///path/to/server.sock\", got 'http://127.0.0.1:9000'");
        assertThat(provider.validate(entry(spec("tcp://h:1").toBuilder().command("node").build())))
                .extracting(ConfigError::message)
                .containsExactly("command: the socket transport connects to a running server; it runs no command");
    }

    @Test
    void aBadOptionIsReportedAtItsFileLineAndColumnAsConfigCheckPrintsIt() throws Exception {
        ParsedConfig parsed = new ConfigParser(Set.of("socket")).read("config.toml", """
                [[mcp.servers]]
                name = "everything"
                transport = "socket"
                url = "tcp://127.0.0.1:9000"
                [mcp.servers.options]
                connect_timeout_ms = 0
                conect_timeout = "2s"

                [[mcp.servers]]
                name = "other"
                transport = "socket"
                url = "tcp://127.0.0.1:9001"
                options = { connect_timeout_ms = "2000" }
                """.getBytes(StandardCharsets.UTF_8));

        assertThat(parsed.check(Map.of("socket", new SocketTransportProvider()))).extracting(ConfigError::toString)
                .containsExactly(
                        "config.toml:6:22: 'options.connect_timeout_ms' must be between 1 and 600000 (milliseconds), got 0",
                        "config.toml:7:18: unknown option 'conect_timeout' of the socket transport; its only option is"
                                + " connect_timeout_ms",
                        "config.toml:13:34: 'options.connect_timeout_ms' must be an integer, not a string");
    }

    @Test
    void connectTimeoutMsBoundsTheConnectAndAGoodOneIsAccepted() throws Exception {
        ServerSpec spec = spec("tcp://127.0.0.1:9000").toBuilder()
                .options(TransportOptions.builder().put("connect_timeout_ms", 1500L).build()).build();

        assertThat(new SocketTransportProvider().validate(entry(spec))).isEmpty();
        assertThat(new SocketTransportProvider().open(spec, new TransportContext("s", 1))).isNotNull();
    }

    private Transport open(String url) throws IOException {
        Transport transport = new SocketTransportProvider().open(spec(url), new TransportContext("s", 1));
        transport.start(listener);
        return transport;
    }

    /** Accepts one connection, answers each line with {"echo":line}, and says how the input ended. */
    private static String echoOnce(ServerSocket server) {
        try (var socket = server.accept()) {
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            OutputStream out = socket.getOutputStream();
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                out.write(("{\"echo\":" + line + "}\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
            return "end of input";
        } catch (IOException e) {
            return "failed: " + e;
        }
    }

    private static ServerSpec spec(String url) {
        return ServerSpec.builder("s").transport("socket").url(url).startupTimeoutSecs(5).build();
    }

    private static ServerEntry entry(ServerSpec spec) {
        return new ServerEntry() {
            @Override
            public ServerSpec spec() {
                return spec;
            }

            @Override
            public ConfigError errorAt(String key, String message) {
                return ConfigError.ofFile("config.toml", key + ": " + message);
            }
        };
    }
}
