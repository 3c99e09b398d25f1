package dev.zeroclaw.transport.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The little of a JSON-RPC message the HTTP transports read. */
class JsonRpcEnvelopeTest {

    @Test
    void aRequestHasAMethodAndAnId() throws IOException {
        JsonRpcEnvelope envelope = JsonRpcEnvelope.of(
                "{\"jsonrpc\":\"2.0\",\"params\":{\"protocolVersion\":\"x\",\"id\":9},\"id\":1,\"method\":\"initialize\"}");

        assertThat(envelope).isEqualTo(new JsonRpcEnvelope(JsonRpcEnvelope.Kind.REQUEST, Optional.of("1"),
                Optional.of("initialize"), Optional.empty()));
    }

    @Test
    void aNotificationHasNoId() throws IOException {
        assertThat(JsonRpcEnvelope.of("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}").kind())
                .isEqualTo(JsonRpcEnvelope.Kind.NOTIFICATION);
    }

    @Test
    void aResponseCarriesTheProtocolVersionOfItsResult() throws IOException {
        JsonRpcEnvelope envelope = JsonRpcEnvelope.of("{\"jsonrpc\":\"2.0\",\"id\":\"a\\\"b\",\"result\":"
                + "{\"capabilities\":{\"protocolVersion\":\"nested\"},\"protocolVersion\":\"2025-06-18\"}}");

        assertThat(envelope.kind()).isEqualTo(JsonRpcEnvelope.Kind.RESPONSE);
        assertThat(envelope.id()).contains("\"a\\\"b\"");
        assertThat(envelope.protocolVersion()).contains("2025-06-18");
    }

    @Test
    void anErrorIsAResponse() throws IOException {
        assertThat(JsonRpcEnvelope.of("{\"jsonrpc\":\"2.0\",\"id\":3,\"error\":{\"code\":-1,\"message\":\"no\"}}").kind())
                .isEqualTo(JsonRpcEnvelope.Kind.RESPONSE);
    }

    @Test
    void anArrayIsABatchAndAnythingElseIsNotJsonRpc() throws IOException {
        assertThat(JsonRpcEnvelope.of("[{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{}}]").kind()).isEqualTo(JsonRpcEnvelope.Kind.BATCH);
        assertThat(JsonRpcEnvelope.of("42").kind()).isEqualTo(JsonRpcEnvelope.Kind.OTHER);
        assertThat(JsonRpcEnvelope.of("{\"jsonrpc\":\"2.0\"}").kind()).isEqualTo(JsonRpcEnvelope.Kind.OTHER);
    }

    @Test
    void textThatIsNotJsonIsAnError() {
        assertThatThrownBy(() -> JsonRpcEnvelope.of("{not json")).isInstanceOf(IOException.class);
    }

    @Test
    void theErrorAnswerIsAJsonRpcErrorResponseToTheSameId() throws IOException {
        JsonRpcEnvelope request = JsonRpcEnvelope.of("{\"jsonrpc\":\"2.0\",\"id\":\"req-\\\"1\",\"method\":\"tools/list\"}");

        JsonNode answer = new ObjectMapper().readTree(request.errorAnswer("HTTP 401 \"Unauthorized\"\nsee log"));

        assertThat(answer.path("id").asText()).isEqualTo("req-\"1");
        assertThat(answer.path("error").path("code").asInt()).isEqualTo(-32603);
        assertThat(answer.path("error").path("message").asText()).isEqualTo("HTTP 401 \"Unauthorized\"\nsee log");
    }
}
