package dev.zeroclaw.gateway.relay;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.zeroclaw.gateway.session.GatewaySession;
import dev.zeroclaw.mcp.McpError;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** The gateway's own ids for requests relayed to clients, and how responses find their way back. */
class RelayedRequestsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final RelayedRequests relayed = new RelayedRequests();
    private final GatewaySession alice = ServerRequestRelayTest.session("alice", "{\"sampling\":{}}");
    private final GatewaySession bob = ServerRequestRelayTest.session("bob", "{\"sampling\":{}}");

    @Test
    void everyRelayedRequestGetsAGatewayUniqueId() {
        RelayedRequests.Relayed first = relayed.open(alice);
        RelayedRequests.Relayed second = relayed.open(bob);
        RelayedRequests.Relayed third = relayed.open(alice);

        assertThat(first.id()).startsWith(RelayedRequests.ID_PREFIX);
        assertThat(List.of(first.id(), second.id(), third.id())).doesNotHaveDuplicates();
        assertThat(relayed.size()).isEqualTo(3);
    }

    @Test
    void theClientsResultCompletesTheRequestWithTheSameId() throws Exception {
        RelayedRequests.Relayed first = relayed.open(alice);
        RelayedRequests.Relayed second = relayed.open(alice);

        assertThat(relayed.answer(alice, response(second.id(), "{\"result\":{\"model\":\"m2\"}}"))).isTrue();

        assertThat(second.answer().get().path("model").asText()).isEqualTo("m2");
        assertThat(first.answer()).isNotDone();
        assertThat(relayed.size()).isEqualTo(1);
    }

    @Test
    void theClientsErrorFailsTheRequestWithItsCodeAndMessage() {
        RelayedRequests.Relayed request = relayed.open(alice);

        assertThat(relayed.answer(alice, response(request.id(), "{\"error\":{\"code\":-1,\"message\":\"User rejected\"}}"))).isTrue();

        assertThat(request.answer()).isCompletedExceptionally();
        McpError error = (McpError) request.answer().handle((value, failure) -> failure instanceof CompletionException
                ? failure.getCause() : failure).join();
        assertThat(error.code()).isEqualTo(-1);
        assertThat(error.getMessage()).isEqualTo("User rejected");
    }

    @Test
    void anotherSessionCannotAnswerARequestItWasNotSent() {
        RelayedRequests.Relayed request = relayed.open(alice);

        assertThat(relayed.answer(bob, response(request.id(), "{\"result\":{}}"))).isFalse();

        assertThat(request.answer()).isNotDone();
    }

    @Test
    void unknownLateOrNumericIdsAreNotMatched() {
        RelayedRequests.Relayed request = relayed.open(alice);
        request.answer().cancel(false);

        assertThat(relayed.answer(alice, response(request.id(), "{\"result\":{}}"))).as("late").isFalse();
        assertThat(relayed.answer(alice, response("zeroclaw-relay-999", "{\"result\":{}}"))).as("unknown").isFalse();
        assertThat(relayed.answer(alice, JSON.createObjectNode().put("jsonrpc", "2.0").put("id", 1)
                .set("result", JSON.createObjectNode()))).as("numeric").isFalse();
        assertThat(relayed.size()).isZero();
    }

    private static JsonNode response(String id, String rest) {
        try {
            JsonNode body = JSON.readTree(rest);
            return JSON.createObjectNode().put("jsonrpc", "2.0").put("id", id).setAll((ObjectNode) body);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
