package dev.zeroclaw.transport.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zeroclaw.api.ServerSpec;
import dev.zeroclaw.api.transport.TransportContext;
import dev.zeroclaw.api.transport.TransportEnd;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The http transport against a Streamable HTTP server on 127.0.0.1. */
class StreamableHttpTransportTest {

    static final String SECRET = "s3cr3t-header-value";
    static final String INITIALIZE = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":"
            + "{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"test\",\"version\":\"1\"}}}";
    static final String INITIALIZED = "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}";
    static final String TOOLS_LIST = "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\",\"params\":{}}";

    private final Heard heard = new Heard();
    private McpHttpFixture fixture;
    private StreamableHttpTransport transport;

    @AfterEach
    void closeEverything() {
        if (transport != null) {
            transport.close(Duration.ofSeconds(1));
        }
        if (fixture != null) {
            fixture.close();
        }
    }

    @ParameterizedTest
    @EnumSource(value = McpHttpFixture.Mode.class, names = {"STREAMABLE_JSON", "STREAMABLE_SSE"})
    void theSessionAndTheConfiguredHeadersGoWithEveryRequestAndCloseDeletesTheSession(McpHttpFixture.Mode mode)
            throws Exception {
        fixture = McpHttpFixture.start(mode, 3);
        transport = open(spec(fixture.url().toString()));

        initialize();
        transport.send(TOOLS_LIST);
        assertThat(heard.next()).contains("\"id\":2").contains("tool2");
        Heard.until("the stream of the server's own messages is open", () -> requests("GET").size() == 1);
        transport.close(Duration.ofSeconds(5));

        assertThat(heard.end().kind()).isEqualTo(TransportEnd.Kind.CLOSED);
        List<McpHttpFixture.Recorded> requests = fixture.requests();
        assertThat(requests).extracting(McpHttpFixture.Recorded::method)
                .as("initialize, initialized, tools/list, the stream, then the end of the session")
                .containsExactlyInAnyOrder("POST", "POST", "POST", "GET", "DELETE")
                .endsWith("DELETE");
        assertThat(requests).allSatisfy(request -> assertThat(request.header("X-Api-Key")).contains(SECRET));
        String session = requests.get(1).header("Mcp-Session-Id").orElseThrow();
        assertThat(requests.get(0).header("Mcp-Session-Id")).isEmpty();
        assertThat(requests.get(0).header("MCP-Protocol-Version")).isEmpty();
        assertThat(requests.subList(1, requests.size())).allSatisfy(request -> {
            assertThat(request.header("Mcp-Session-Id")).contains(session);
            assertThat(request.header("MCP-Protocol-Version")).contains("2025-06-18");
        });
        assertThat(requests(requests, "POST")).allSatisfy(request -> {
            assertThat(request.header("Accept")).contains("application/json, text/event-stream");
            assertThat(request.header("Content-Type")).contains("application/json");
        });
        assertThat(requests(requests, "GET").get(0).header("Accept")).contains("text/event-stream");
    }

    @Test
    void messagesOfTheServersOwnArriveOnTheStreamItKeepsOpen() throws Exception {
        fixture = McpHttpFixture.start(McpHttpFixture.Mode.STREAMABLE_SSE, 1);
        transport = open(spec(fixture.url().toString()));
        initialize();
        Heard.until("the stream is open", () -> requests("GET").size() == 1);

        fixture.push("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/tools/list_changed\"}");

        assertThat(heard.next()).isEqualTo("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/tools/list_changed\"}");
    }

    @Test
    void aSessionTheServerNoLongerKnowsEndsTheTransportAsFailedSoThatANewInstanceInitializesAgain() throws Exception {
        fixture = McpHttpFixture.start(McpHttpFixture.Mode.STREAMABLE_JSON, 1);
        transport = open(spec(fixture.url().toString()));
        initialize();

        fixture.expireSessions();
        transport.send("{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"ping\"}");

        TransportEnd end = heard.end();
        assertThat(end.kind()).isEqualTo(TransportEnd.Kind.FAILED);
        assertThat(end.reason()).startsWith("session expired");
    }

    @Test
    void aServerThatCannotBeReachedEndsTheTransportAsFailedSayingWhy() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        transport = open(spec("http://127.0.0.1:" + port + "/mcp?token=in-the-query"));

        transport.send(INITIALIZE);

        TransportEnd end = heard.end();
        assertThat(end.kind()).isEqualTo(TransportEnd.Kind.FAILED);
        assertThat(end.reason()).isEqualTo("cannot reach http://127.0.0.1:" + port + "/mcp: connection refused");
    }

    @Test
    void aRequestRefusedWithAnHttpErrorIsAnsweredWithAJsonRpcErrorNamingTheStatus() throws Exception {
        fixture = McpHttpFixture.start(McpHttpFixture.Mode.STREAMABLE_JSON, 1);
        fixture.refuseWith(401);
        transport = open(spec(fixture.url().toString()));

        transport.send(INITIALIZE);

        assertThat(heard.next()).contains("\"id\":1").contains("\"error\"")
                .contains("the server answered HTTP 401 to POST " + fixture.url())
                .contains("Authorization")
                .doesNotContain(SECRET);
        assertThat(heard.ended()).isFalse();
    }

    @Test
    void anAnswerStreamTheServerEndsBeforeAnsweringIsResumedWithLastEventId() throws Exception {
        fixture = McpHttpFixture.start(McpHttpFixture.Mode.STREAMABLE_SSE, 1);
        fixture.endAnswerStreamsEarly();
        transport = open(spec(fixture.url().toString()));

        transport.send(INITIALIZE);

        assertThat(heard.next()).contains("mcp-http-fixture");
        assertThat(requests("GET")).singleElement()
                .satisfies(get -> assertThat(get.header("Last-Event-ID")).isPresent());
    }

    @Test
    void whenTheServerGoesAwayItsStreamEndsAndTheTransportFails() throws Exception {
        fixture = McpHttpFixture.start(McpHttpFixture.Mode.STREAMABLE_JSON, 1);
        transport = open(spec(fixture.url().toString()));
        initialize();
        Heard.until("the stream is open", () -> requests("GET").size() == 1);

        fixture.close();

        TransportEnd end = heard.end();
        assertThat(end.kind()).isEqualTo(TransportEnd.Kind.FAILED);
        assertThat(end.reason()).startsWith("cannot reach " + fixture.url());
    }

    @Test
    void theListenerIsCalledOnTheTransportsThreadsNeverOnTheThreadThatSendsOrCloses() throws Exception {
        fixture = McpHttpFixture.start(McpHttpFixture.Mode.STREAMABLE_SSE, 1);
        transport = open(spec(fixture.url().toString()));
        initialize();
        fixture.close(); // the next notification finds nobody: the transport ends from within send
        assertThatThrownBy(() -> transport.send(INITIALIZED)).isInstanceOf(IOException.class);
        transport.close(Duration.ofSeconds(1));

        assertThat(heard.end().kind()).isEqualTo(TransportEnd.Kind.FAILED);
        assertThat(heard.callers()).isNotEmpty().doesNotContain(Thread.currentThread())
                .allSatisfy(thread -> assertThat(thread.getName()).startsWith("zeroclaw-remote#1-http-"));
    }

    @Test
    void closingBeforeStartMakesStartFailAndSendingBeforeStartFails() {
        transport = new StreamableHttpTransport(spec("http://127.0.0.1:1/mcp"), new TransportContext("remote", 1));

        assertThatThrownBy(() -> transport.send(INITIALIZE))
                .isInstanceOf(IOException.class).hasMessageContaining("not started");
        transport.close(Duration.ofSeconds(1));
        assertThatThrownBy(() -> transport.start(heard))
                .isInstanceOf(IOException.class).hasMessageContaining("closed before it started");
    }

    @Test
    void aHeaderTheTransportSetsItselfMakesStartFailWithoutItsValue() {
        ServerSpec spec = spec("http://127.0.0.1:1/mcp").toBuilder().putHeader("Mcp-Session-Id", SECRET).build();
        transport = new StreamableHttpTransport(spec, new TransportContext("remote", 1));

        assertThatThrownBy(() -> transport.start(heard))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("'Mcp-Session-Id' is set by the transport itself")
                .hasMessageNotContaining(SECRET);
    }

    private void initialize() throws Exception {
        transport.send(INITIALIZE);
        assertThat(heard.next()).contains("mcp-http-fixture");
        transport.send(INITIALIZED);
    }

    private StreamableHttpTransport open(ServerSpec spec) throws IOException {
        StreamableHttpTransport opened = new StreamableHttpTransport(spec, new TransportContext("remote", 1));
        opened.start(heard);
        return opened;
    }

    private List<McpHttpFixture.Recorded> requests(String method) {
        return requests(fixture.requests(), method);
    }

    private static List<McpHttpFixture.Recorded> requests(List<McpHttpFixture.Recorded> requests, String method) {
        return requests.stream().filter(request -> request.method().equals(method)).toList();
    }

    static ServerSpec spec(String url) {
        return ServerSpec.builder("remote").transport("http").url(url).headers(Map.of("X-Api-Key", SECRET))
                .startupTimeoutSecs(5).build();
    }

    /**
     * With an Authorization header the daemon manages (MCP authorization): the header on every request, over a
     * configured one; after a 401 one renewal and one retry; a renewal only a person can help with answers the
     * request with an error that says what to run.
     */
    @Nested
    class ManagedAuthorization {

        private final ScriptedAuthorization tokens = new ScriptedAuthorization(null, null);

        @Test
        void theManagedHeaderGoesWithEveryRequestInsteadOfAConfiguredOne() throws Exception {
            fixture = McpHttpFixture.start(McpHttpFixture.Mode.STREAMABLE_SSE, 1);
            fixture.requireBearer("token-1");
            tokens.current = "token-1";
            transport = openAuthorized(ServerSpec.builder("remote").transport("http").url(fixture.url().toString())
                    .headers(Map.of("Authorization", "Bearer configured")).build());

            transport.send(INITIALIZE);
            assertThat(heard.next()).contains("mcp-http-fixture");
            transport.send(INITIALIZED);
            Heard.until("the stream of the server's own messages is open", () -> fixture.requests().stream()
                    .anyMatch(request -> request.method().equals("GET")));
            transport.close(Duration.ofSeconds(5));

            assertThat(fixture.requests()).extracting(McpHttpFixture.Recorded::method).contains("POST", "GET", "DELETE");
            assertThat(fixture.requests()).allSatisfy(request -> assertThat(request.header("Authorization")).contains("Bearer token-1"));
            assertThat(tokens.challenges).isEmpty();
        }

        @Test
        void a401IsRenewedOnceAndTheRequestSentAgain() throws Exception {
            startRequiring("token-2", "token-1", "token-2");

            transport.send(INITIALIZE);
            assertThat(heard.next()).contains("mcp-http-fixture");
            transport.send(INITIALIZED);
            transport.send(TOOLS_LIST);

            assertThat(heard.next()).contains("\"id\":2").contains("tool0");
            assertThat(tokens.challenges).singleElement().satisfies(challenge ->
                    assertThat(challenge).contains("resource_metadata=").contains("scope=\"mcp:read\""));
        }

        @Test
        void aStepUp403IsRenewedLikeA401() throws Exception {
            startRequiring("token-2", "token-1", "token-2");
            fixture.askForMoreScope();

            transport.send(INITIALIZE);

            assertThat(heard.next()).contains("mcp-http-fixture");
            assertThat(tokens.challenges).singleElement().satisfies(challenge ->
                    assertThat(challenge).contains("error=\"insufficient_scope\"").contains("scope=\"mcp:read\""));
        }

        @Test
        void aPlain403IsNotTheAuthorizationsToRenew() throws Exception {
            startRequiring(null, "token-1", "token-2");
            fixture.refuseWith(403);

            transport.send(INITIALIZE);

            assertThat(heard.next()).contains("\"id\":1").contains("the server answered HTTP 403");
            assertThat(tokens.challenges).isEmpty();
            assertThat(fixture.requests()).hasSize(1);
        }

        @Test
        void aRenewalOnlyAPersonCanHelpWithAnswersWithTheCommandToRun() throws Exception {
            tokens.refusal = "server 'remote' needs an OAuth login: run zeroclaw auth login remote";
            startRequiring("never", "token-1", null);

            transport.send(INITIALIZE);

            assertThat(heard.next()).contains("\"id\":1").contains("\"error\"")
                    .contains("server 'remote' needs an OAuth login: run zeroclaw auth login remote")
                    .doesNotContain("token-1");
        }

        @Test
        void aStill401AfterTheRenewalIsNotRetriedAgain() throws Exception {
            startRequiring("other", "token-1", "token-2");

            transport.send(INITIALIZE);

            assertThat(heard.next()).contains("\"id\":1").contains("the server answered HTTP 401 to POST " + fixture.url())
                    .doesNotContain("token-1").doesNotContain("token-2");
            assertThat(fixture.requests()).hasSize(2);
        }

        /** A JSON-answering server that wants this bearer token, and the transport open to it with {@link #tokens}. */
        private void startRequiring(String bearer, String current, String next) throws IOException {
            fixture = McpHttpFixture.start(McpHttpFixture.Mode.STREAMABLE_JSON, 1);
            fixture.requireBearer(bearer);
            tokens.current = current;
            tokens.next = next;
            transport = openAuthorized(spec(fixture.url().toString()));
        }

        private StreamableHttpTransport openAuthorized(ServerSpec spec) throws IOException {
            StreamableHttpTransport opened = new StreamableHttpTransport(spec, new TransportContext("remote", 1, Set.of(), tokens));
            opened.start(heard);
            return opened;
        }
    }
}
