package dev.zeroclaw.transport.http;

import static dev.zeroclaw.transport.http.StreamableHttpTransportTest.INITIALIZE;
import static dev.zeroclaw.transport.http.StreamableHttpTransportTest.SECRET;
import static dev.zeroclaw.transport.http.StreamableHttpTransportTest.TOOLS_LIST;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.zeroclaw.api.ServerSpec;
import dev.zeroclaw.api.transport.AuthorizationRequiredException;
import dev.zeroclaw.api.transport.TransportContext;
import dev.zeroclaw.api.transport.TransportEnd;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
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

    /** With an Authorization header the daemon manages (MCP authorization), as the http transport has it. */
    @Nested
    class ManagedAuthorization {

        private static final String LOGIN = "server 'remote' needs an OAuth login: run zeroclaw auth login remote";

        @Test
        void theManagedHeaderGoesWithTheStreamAndEveryPostInsteadOfAConfiguredOne() throws Exception {
            ScriptedAuthorization tokens = new ScriptedAuthorization("token-1", null);
            startRequiring("token-1", tokens, spec(fixture(), "Bearer configured"));

            transport.send(INITIALIZE);
            assertThat(heard.next()).contains("\"id\":1").contains("mcp-http-fixture");

            assertThat(fixture.requests()).extracting(McpHttpFixture.Recorded::method).containsExactly("GET", "POST");
            assertThat(fixture.requests()).allSatisfy(request -> assertThat(request.header("Authorization")).contains("Bearer token-1"));
            assertThat(tokens.challenges).isEmpty();
        }

        @Test
        void a401ToTheStreamIsRenewedOnceAndTheStreamOpened() throws Exception {
            ScriptedAuthorization tokens = new ScriptedAuthorization("token-1", "token-2");
            startRequiring("token-2", tokens, spec(fixture(), null));

            transport.send(INITIALIZE);

            assertThat(heard.next()).contains("\"id\":1").contains("mcp-http-fixture");
            assertThat(tokens.challenges).singleElement().satisfies(challenge ->
                    assertThat(challenge).contains("resource_metadata=").contains("scope=\"mcp:read\""));
            assertThat(fixture.requests()).extracting(request -> request.method() + " " + request.header("Authorization").orElse(""))
                    .containsExactly("GET Bearer token-1", "GET Bearer token-2", "POST Bearer token-2");
        }

        @Test
        void a401ToAPostIsRenewedOnceAndTheMessageSentAgain() throws Exception {
            ScriptedAuthorization tokens = new ScriptedAuthorization("token-1", null);
            startRequiring("token-1", tokens, spec(fixture(), null));
            fixture.requireBearer("token-2"); // the access token expired on the server's side
            tokens.next = "token-2";

            transport.send(INITIALIZE);

            assertThat(heard.next()).contains("\"id\":1").contains("mcp-http-fixture");
            assertThat(fixture.requests()).extracting(request -> request.method() + " " + request.header("Authorization").orElse(""))
                    .containsExactly("GET Bearer token-1", "POST Bearer token-1", "POST Bearer token-2");
        }

        @Test
        void aStartOnlyAPersonCanHelpFailsWithTheCommandToRun() throws Exception {
            ScriptedAuthorization tokens = new ScriptedAuthorization("token-1", null);
            tokens.refusal = LOGIN;
            fixture = McpHttpFixture.start(McpHttpFixture.Mode.LEGACY_SSE, 1);
            fixture.requireBearer("never");
            transport = new LegacySseTransport(LegacySseTransportTest.spec(fixture.url().toString()), new TransportContext("remote", 1, Set.of(), tokens));

            assertThatThrownBy(() -> transport.start(heard)).isInstanceOf(AuthorizationRequiredException.class).hasMessage(LOGIN);
            assertThat(heard.ended()).isFalse();
        }

        @Test
        void aPostOnlyAPersonCanHelpFailsWithTheCommandToRun() throws Exception {
            ScriptedAuthorization tokens = new ScriptedAuthorization("token-1", null);
            startRequiring("token-1", tokens, spec(fixture(), null));
            fixture.requireBearer("token-2");
            tokens.refusal = LOGIN;

            assertThatThrownBy(() -> transport.send(INITIALIZE)).isInstanceOf(AuthorizationRequiredException.class)
                    .hasMessage(LOGIN);
        }

        @Test
        void aStill401AfterTheRenewalIsNotRetriedAgainAndShowsNoToken() throws Exception {
            ScriptedAuthorization tokens = new ScriptedAuthorization("token-1", "token-2");
            fixture = McpHttpFixture.start(McpHttpFixture.Mode.LEGACY_SSE, 1);
            fixture.requireBearer("other");
            transport = new LegacySseTransport(LegacySseTransportTest.spec(fixture.url().toString()), new TransportContext("remote", 1, Set.of(), tokens));

            assertThatThrownBy(() -> transport.start(heard)).isInstanceOf(IOException.class)
                    .hasMessage("the server answered HTTP 401 to GET " + fixture.url() + " (are the headers, e.g. Authorization, right?)");
            assertThat(fixture.requests()).hasSize(2);
        }

        private String fixture() throws IOException {
            fixture = McpHttpFixture.start(McpHttpFixture.Mode.LEGACY_SSE, 1);
            return fixture.url().toString();
        }

        private void startRequiring(String bearer, ScriptedAuthorization tokens, ServerSpec spec) throws IOException {
            fixture.requireBearer(bearer);
            transport = new LegacySseTransport(spec, new TransportContext("remote", 1, Set.of(), tokens));
            transport.start(heard);
        }

        private static ServerSpec spec(String url, String configuredAuthorization) {
            ServerSpec spec = LegacySseTransportTest.spec(url);
            return configuredAuthorization == null ? spec
                    : spec.toBuilder().headers(Map.of("X-Api-Key", SECRET, "Authorization", configuredAuthorization)).build();
        }
    }

    private static ServerSpec spec(String url) {
        return StreamableHttpTransportTest.spec(url).toBuilder().transport("sse").build();
    }
}
