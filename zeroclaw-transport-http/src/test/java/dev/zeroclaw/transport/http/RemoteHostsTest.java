package dev.zeroclaw.transport.http;

import static dev.zeroclaw.transport.http.StreamableHttpTransportTest.INITIALIZE;
import static dev.zeroclaw.transport.http.StreamableHttpTransportTest.SECRET;
import static dev.zeroclaw.transport.http.StreamableHttpTransportTest.TOOLS_LIST;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zeroclaw.api.ServerSpec;
import dev.zeroclaw.api.transport.Transport;
import dev.zeroclaw.api.transport.TransportContext;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * URLs upstream ZeroClaw accepts and {@link URI} does not, on the wire, for http and sse alike: a
 * host with an underscore, resolved for real (the test JVM's hosts file, see this module's pom,
 * maps {@code mcp_server.local} to 127.0.0.1), reached with the {@code Host} header naming it.
 */
class RemoteHostsTest {

    private static final String HOST = "mcp_server.local";

    private final Heard heard = new Heard();
    // What a test opened, closed after it, the last opened first.
    private final Deque<AutoCloseable> opened = new ArrayDeque<>();
    private McpHttpFixture fixture;
    private Transport transport;

    @BeforeAll
    static void theNameResolves() throws IOException {
        assertThat(InetAddress.getByName(HOST).getHostAddress())
                .as("the test JVM resolves " + HOST + " with src/test/resources/hosts (surefire's argLine)")
                .isEqualTo("127.0.0.1");
    }

    @AfterEach
    void closeWhatWasOpened() throws Exception {
        while (!opened.isEmpty()) {
            opened.pop().close();
        }
    }

    @ParameterizedTest
    @EnumSource(value = McpHttpFixture.Mode.class, names = {"STREAMABLE_JSON", "LEGACY_SSE"})
    void aHostWithAnUnderscoreIsReachedAndEveryRequestNamesItInItsHostHeader(McpHttpFixture.Mode mode) throws Exception {
        fixture = started(McpHttpFixture.start(mode, 2));
        String url = "http://" + HOST + ":" + fixture.url().getPort() + fixture.url().getPath();
        transport = open(mode, spec(url));

        transport.send(INITIALIZE);
        assertThat(heard.next()).contains("\"id\":1").contains("mcp-http-fixture");
        transport.send(TOOLS_LIST);
        assertThat(heard.next()).contains("\"id\":2").contains("tool1");

        assertThat(fixture.requests()).hasSizeGreaterThanOrEqualTo(2).allSatisfy(request -> {
            assertThat(request.header("Host")).as(request.method() + " " + request.path())
                    .contains(HOST + ":" + fixture.url().getPort());
            assertThat(request.header("X-Api-Key")).contains(SECRET);
        });
    }

    @ParameterizedTest
    @EnumSource(value = McpHttpFixture.Mode.class, names = {"STREAMABLE_JSON", "LEGACY_SSE"})
    void bracesInThePathAndAPipeInTheQueryArriveEncoded(McpHttpFixture.Mode mode) throws Exception {
        fixture = started(McpHttpFixture.start(mode, 1));
        // The legacy fixture serves its stream at /sse only: the query goes there.
        String path = mode == McpHttpFixture.Mode.LEGACY_SSE ? "/sse" : "/{tenant}/mcp";
        transport = open(mode, spec("http://127.0.0.1:" + fixture.url().getPort() + path + "?x=a|b"));

        transport.send(INITIALIZE);
        assertThat(heard.next()).contains("mcp-http-fixture");

        assertThat(fixture.requests().get(0).path()).isEqualTo(
                mode == McpHttpFixture.Mode.LEGACY_SSE ? "/sse?x=a%7Cb" : "/%7Btenant%7D/mcp?x=a%7Cb");
        assertThat(fixture.requests().get(0).header("Host")).contains("127.0.0.1:" + fixture.url().getPort());
    }

    @ParameterizedTest
    @EnumSource(value = McpHttpFixture.Mode.class, names = {"STREAMABLE_JSON", "LEGACY_SSE"})
    void aHostWithAnUnderscoreThatDoesNotResolveFailsTheStartSayingSo(McpHttpFixture.Mode mode) {
        transport = transport(mode, spec("http://no_such_host.invalid:1/mcp?token=t0k3n"));

        assertThatThrownBy(() -> transport.start(heard)).isInstanceOf(IOException.class)
                .hasMessage("cannot reach http://no_such_host.invalid:1/mcp: unknown host");
    }

    @ParameterizedTest
    @EnumSource(value = McpHttpFixture.Mode.class, names = {"STREAMABLE_JSON", "LEGACY_SSE"})
    void httpsToAHostWithAnUnderscoreFailsTheStartRatherThanSkipTheCertificateCheck(McpHttpFixture.Mode mode) {
        transport = transport(mode, spec("https://" + HOST + "/mcp"));

        assertThatThrownBy(() -> transport.start(heard)).isInstanceOf(IOException.class)
                .hasMessageStartingWith("zeroclaw cannot check a TLS certificate for the host 'mcp_server.local'");
    }

    private McpHttpFixture started(McpHttpFixture started) {
        opened.push(started);
        return started;
    }

    private static ServerSpec spec(String url) {
        return ServerSpec.builder("hosts").transport("http").url(url).headers(Map.of("X-Api-Key", SECRET))
                .startupTimeoutSecs(5).build();
    }

    private Transport open(McpHttpFixture.Mode mode, ServerSpec spec) throws IOException {
        Transport opened = transport(mode, spec);
        opened.start(heard);
        return opened;
    }

    private Transport transport(McpHttpFixture.Mode mode, ServerSpec spec) {
        TransportContext context = new TransportContext("hosts", 1);
        Transport made = mode == McpHttpFixture.Mode.LEGACY_SSE
                ? new SseTransportProvider().open(spec, context)
                : new HttpTransportProvider().open(spec, context);
        opened.push(() -> made.close(Duration.ofSeconds(1)));
        return made;
    }
}
