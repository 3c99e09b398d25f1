package dev.zeroclaw.transport.http;

import static dev.zeroclaw.transport.http.StreamableHttpTransportTest.INITIALIZE;
import static dev.zeroclaw.transport.http.StreamableHttpTransportTest.SECRET;
import static dev.zeroclaw.transport.http.StreamableHttpTransportTest.TOOLS_LIST;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.zeroclaw.api.ServerSpec;
import dev.zeroclaw.api.transport.TransportContext;
import dev.zeroclaw.api.transport.TransportEnd;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The sse transport against a legacy HTTP+SSE server on 127.0.0.1. */
class LegacySseTransportTest {

    private final Heard heard = new Heard();
    private McpHttpFixture fixture;
    private LegacySseTransport transport;

    @AfterEach
    void closeEverything() {
        if (transport != null) {
            transport.close(Duration.ofSeconds(1));
        }
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void messagesArePostedToTheEndpointTheStreamNamesAndAnswersArriveOnTheStream() throws Exception {
        fixture = McpHttpFixture.start(McpHttpFixture.Mode.LEGACY_SSE, 2);
        transport = new LegacySseTransport(spec(fixture.url().toString()), new TransportContext("legacy", 1));
        transport.start(heard);

        transport.send(INITIALIZE);
        assertThat(heard.next()).contains("\"id\":1").contains("mcp-http-fixture");
        transport.send(TOOLS_LIST);
        assertThat(heard.next()).contains("\"id\":2").contains("tool1");
        transport.close(Duration.ofSeconds(1));

        assertThat(heard.end().kind()).isEqualTo(TransportEnd.Kind.CLOSED);
        assertThat(heard.callers()).doesNotContain(Thread.currentThread());
        assertThat(fixture.requests()).extracting(McpHttpFixture.Recorded::method).containsExactly("GET", "POST", "POST");
        assertThat(fixture.requests()).allSatisfy(request -> assertThat(request.header("X-Api-Key")).contains(SECRET));
        assertThat(fixture.requests().get(1).path()).startsWith("/message?sessionId=");
    }

    @Test
    void theEndOfTheStreamIsTheEndOfTheSession() throws Exception {
        fixture = McpHttpFixture.start(McpHttpFixture.Mode.LEGACY_SSE, 1);
        transport = new LegacySseTransport(spec(fixture.url().toString()), new TransportContext("legacy", 1));
        transport.start(heard);

        fixture.endStreams();

        TransportEnd end = heard.end();
        assertThat(end.kind()).isEqualTo(TransportEnd.Kind.FAILED);
        assertThat(end.reason()).isEqualTo("the server closed its event stream");
    }

    @Test
    void startFailsWhenNoEndpointEventComesInTime() throws Exception {
        fixture = McpHttpFixture.start(McpHttpFixture.Mode.STREAMABLE_SSE, 1); // its GET stream names no endpoint
        ServerSpec spec = spec(fixture.url().toString()).toBuilder().startupTimeoutSecs(1).build();
        transport = new LegacySseTransport(spec, new TransportContext("legacy", 1));

        assertThatThrownBy(() -> transport.start(heard)).isInstanceOf(IOException.class)
                .hasMessage("no 'endpoint' event from " + fixture.url() + " within 1 s (startup_timeout_secs);"
                        + " is it a legacy HTTP+SSE MCP server?");
        assertThat(heard.ended()).as("a start that failed tells the listener nothing").isFalse();
    }

    @Test
    void startFailsWhenTheUrlIsNotAnEventStream() throws Exception {
        fixture = McpHttpFixture.start(McpHttpFixture.Mode.LEGACY_SSE, 1);
        ServerSpec spec = spec(fixture.url().resolve("/elsewhere").toString());
        transport = new LegacySseTransport(spec, new TransportContext("legacy", 1));

        assertThatThrownBy(() -> transport.start(heard)).isInstanceOf(IOException.class)
                .hasMessageStartingWith("the server answered HTTP 404 to GET " + fixture.url().resolve("/elsewhere"));
    }

    @Test
    void anEndpointOnAnotherOriginIsRefusedSoTheHeadersGoNowhereElse() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/sse", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
            exchange.sendResponseHeaders(200, 0);
            OutputStream out = exchange.getResponseBody();
            out.write("event: endpoint\ndata: http://elsewhere.example/message\n\n".getBytes(StandardCharsets.UTF_8));
            out.flush();
        });
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/sse";
            transport = new LegacySseTransport(spec(url), new TransportContext("legacy", 1));

            assertThatThrownBy(() -> transport.start(heard)).isInstanceOf(IOException.class)
                    .hasMessageStartingWith("the server's endpoint event names another origin (http://elsewhere.example/message)");
        } finally {
            server.stop(0);
        }
    }

    private static ServerSpec spec(String url) {
        return StreamableHttpTransportTest.spec(url).toBuilder().transport("sse").build();
    }
}
