package dev.zeroclaw.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zeroclaw.api.transport.Transport;
import dev.zeroclaw.api.transport.TransportEnd;
import dev.zeroclaw.api.transport.TransportListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

/** The session's side of requests from the server and of cancellation, over an in-memory transport. */
class McpSessionTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final InMemoryTransport transport = new InMemoryTransport();

    @Test
    void declaresTheClientCapabilitiesOnlyWhenSomeoneAnswersThem() throws IOException {
        McpSession relaying = session((method, params) -> new CompletableFuture<>());
        relaying.initialize(TIMEOUT);
        assertThat(transport.sent(0).path("params").path("capabilities").fieldNames()).toIterable()
                .containsExactlyInAnyOrder("sampling", "elicitation", "roots");

        InMemoryTransport plain = new InMemoryTransport();
        McpSession refusing = new McpSession(plain, JSON, "test", line -> {}, end -> {});
        refusing.start();
        refusing.initialize(TIMEOUT);
        assertThat(plain.sent(0).path("params").path("capabilities").isEmpty()).isTrue();
    }

    @Test
    void aServerRequestIsAnsweredWithWhatTheHookCompletesWith() throws IOException {
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        List<String> asked = new CopyOnWriteArrayList<>();
        session((method, params) -> {
            asked.add(method + " " + params.path("maxTokens").asInt());
            return answer;
        });

        transport.receive("{\"jsonrpc\":\"2.0\",\"id\":\"s-1\",\"method\":\"sampling/createMessage\",\"params\":{\"maxTokens\":7}}");
        assertThat(asked).containsExactly("sampling/createMessage 7");
        assertThat(transport.messages()).isEmpty();

        answer.complete(JSON.createObjectNode().put("model", "m"));
        assertThat(transport.sent(0).path("id").asText()).isEqualTo("s-1");
        assertThat(transport.sent(0).path("result").path("model").asText()).isEqualTo("m");
    }

    @Test
    void aRefusedServerRequestIsAnsweredWithTheHooksError() throws IOException {
        session((method, params) -> CompletableFuture.failedFuture(new McpError(McpError.METHOD_NOT_FOUND, "no client")));

        transport.receive("{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"roots/list\"}");

        assertThat(transport.sent(0).path("id").asInt()).isEqualTo(4);
        assertThat(transport.sent(0).path("error").path("code").asInt()).isEqualTo(McpError.METHOD_NOT_FOUND);
        assertThat(transport.sent(0).path("error").path("message").asText()).isEqualTo("no client");
    }

    @Test
    void aServerRequestTheServerCancelledIsCancelledAtTheHookAndNotAnswered() throws IOException {
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        session((method, params) -> answer);

        transport.receive("{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"elicitation/create\",\"params\":{}}");
        transport.receive("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":{\"requestId\":9}}");

        assertThat(answer).isCancelled();
        assertThat(transport.messages()).isEmpty();
    }

    @Test
    void pingIsAnsweredByTheSessionItself() throws IOException {
        session((method, params) -> {
            throw new AssertionError("ping reached the hook");
        });

        transport.receive("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}");

        assertThat(transport.sent(0).path("result").isObject()).isTrue();
    }

    @Test
    void cancelTellsTheServerTheRequestsOwnIdAndStopsWaiting() throws IOException {
        McpSession session = session((method, params) -> new CompletableFuture<>());
        session.request("tools/call", JSON.createObjectNode(), TIMEOUT);
        CompletableFuture<JsonNode> slow = session.request("tools/call", JSON.createObjectNode(), TIMEOUT);
        long upstreamId = transport.sent(1).path("id").asLong();

        assertThat(session.cancel(slow, "the user pressed stop")).isTrue();

        JsonNode cancelled = transport.sent(2);
        assertThat(cancelled.path("method").asText()).isEqualTo("notifications/cancelled");
        assertThat(cancelled.path("params").path("requestId").asLong()).isEqualTo(upstreamId);
        assertThat(cancelled.path("params").path("reason").asText()).isEqualTo("the user pressed stop");
        assertThat(slow).isCancelled();
        // A late answer is dropped, and a second cancel has nothing to cancel.
        transport.receive("{\"jsonrpc\":\"2.0\",\"id\":" + upstreamId + ",\"result\":{}}");
        assertThat(session.cancel(slow, "again")).isFalse();
        assertThat(transport.messages()).hasSize(3);
    }

    @Test
    void eachRequestTimesOutAtItsOwnDeadlineWhatWasSentBeforeIt() throws IOException {
        McpSession session = session((method, params) -> new CompletableFuture<>());
        CompletableFuture<JsonNode> patient = session.request("tools/call", JSON.createObjectNode(), Duration.ofMinutes(10));
        long patientId = transport.sent(0).path("id").asLong();
        // Shorter than the one before it: it still times out, though a longer deadline was tracked first.
        CompletableFuture<JsonNode> hasty = session.request("tools/call", JSON.createObjectNode(), Duration.ofMillis(20));
        assertThat(hasty).failsWithin(Duration.ofSeconds(30)).withThrowableOfType(ExecutionException.class)
                .withCauseInstanceOf(TimeoutException.class);
        // A request after that sweep gets a sweep of its own.
        CompletableFuture<JsonNode> later = session.request("tools/call", JSON.createObjectNode(), Duration.ofMillis(20));
        assertThat(later).failsWithin(Duration.ofSeconds(30)).withThrowableOfType(ExecutionException.class)
                .withCauseInstanceOf(TimeoutException.class);

        assertThat(patient).isNotDone();
        transport.receive("{\"jsonrpc\":\"2.0\",\"id\":" + patientId + ",\"result\":{\"ok\":true}}");
        assertThat(patient.join().path("ok").asBoolean()).isTrue();
        assertThat(session.pendingRequests()).isZero();
    }

    private McpSession session(BiFunction<String, JsonNode, CompletableFuture<JsonNode>> requests) throws IOException {
        McpSession session = new McpSession(transport, JSON, "test", line -> {}, end -> {}, (method, params) -> {}, requests);
        session.start();
        return session;
    }

    /** Keeps what the session sends; hands it messages as if the server sent them. */
    private static final class InMemoryTransport implements Transport {

        private final List<String> sent = new CopyOnWriteArrayList<>();
        private TransportListener listener;

        @Override
        public void start(TransportListener listener) {
            this.listener = listener;
        }

        @Override
        public void send(String message) {
            sent.add(message);
        }

        @Override
        public void close(Duration deadline) {
            listener.onClosed(TransportEnd.closed("closed by the test"));
        }

        void receive(String message) {
            listener.onMessage(message);
        }

        List<String> messages() {
            return sent;
        }

        JsonNode sent(int index) {
            try {
                return JSON.readTree(sent.get(index));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
