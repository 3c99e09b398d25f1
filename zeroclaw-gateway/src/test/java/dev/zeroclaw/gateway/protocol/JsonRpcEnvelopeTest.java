package dev.zeroclaw.gateway.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class JsonRpcEnvelopeTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aMessageWithoutJsonRpc20IsInvalid() throws Exception {
        // Issue 17: objects that were not JSON-RPC 2.0 were accepted and acted on.
        assertThat(JsonRpcEnvelope.problem(json("{\"id\":1,\"method\":\"tools/list\"}")))
                .contains("not a JSON-RPC 2.0 message: \"jsonrpc\" must be \"2.0\", got none");
        assertThat(JsonRpcEnvelope.problem(json("{\"jsonrpc\":\"1.0\",\"id\":1,\"method\":\"tools/list\"}")))
                .contains("not a JSON-RPC 2.0 message: \"jsonrpc\" must be \"2.0\", got \"1.0\"");
        assertThat(JsonRpcEnvelope.problem(json("{\"jsonrpc\":2.0,\"id\":1,\"method\":\"tools/list\"}"))).isPresent();
    }

    @Test
    void anIdThatIsAnObjectAnArrayOrABooleanIsInvalid() throws Exception {
        assertThat(JsonRpcEnvelope.problem(json("{\"jsonrpc\":\"2.0\",\"id\":{\"a\":1},\"method\":\"tools/list\"}")))
                .contains("a JSON-RPC id must be a string or a number, got an object");
        assertThat(JsonRpcEnvelope.problem(json("{\"jsonrpc\":\"2.0\",\"id\":[1],\"method\":\"tools/list\"}")))
                .contains("a JSON-RPC id must be a string or a number, got an array");
        assertThat(JsonRpcEnvelope.problem(json("{\"jsonrpc\":\"2.0\",\"id\":true,\"method\":\"tools/list\"}")))
                .contains("a JSON-RPC id must be a string or a number, got a boolean");
        assertThat(JsonRpcEnvelope.replyId(json("{\"jsonrpc\":\"2.0\",\"id\":{\"a\":1}}"))).isNull();
    }

    @Test
    void requestsNotificationsAndResponsesOfJsonRpc20AreValid() throws Exception {
        assertThat(JsonRpcEnvelope.problem(json("{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/list\"}"))).isEmpty();
        assertThat(JsonRpcEnvelope.problem(json("{\"jsonrpc\":\"2.0\",\"id\":\"a\",\"method\":\"tools/list\"}"))).isEmpty();
        assertThat(JsonRpcEnvelope.problem(json("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}"))).isEmpty();
        assertThat(JsonRpcEnvelope.problem(json("{\"jsonrpc\":\"2.0\",\"id\":3,\"result\":{}}"))).isEmpty();
        assertThat(JsonRpcEnvelope.replyId(json("{\"jsonrpc\":\"2.0\",\"id\":7}")).asInt()).isEqualTo(7);
    }

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }
}
