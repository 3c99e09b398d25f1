package dev.zeroclaw.transport.http;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.io.IOException;
import java.util.Optional;

/**
 * The little of a JSON-RPC message an HTTP transport must know: whether it is a request, a
 * notification or a response, its id and method, and, in an answer to {@code initialize}, the
 * protocol version the server chose. Read with a streaming parser that skips everything else; the
 * message itself is passed on as the text it was.
 *
 * @param kind what the message is
 * @param id the id as JSON text ({@code 7}, {@code "a"}), when the message has one
 * @param method the method of a request or notification
 * @param protocolVersion {@code result.protocolVersion} of a response, when present
 */
record JsonRpcEnvelope(Kind kind, Optional<String> id, Optional<String> method, Optional<String> protocolVersion) {

    private static final JsonFactory JSON = new JsonFactory();

    JsonRpcEnvelope {
        requireNonNull(kind, "kind is null");
        requireNonNull(id, "id is null");
        requireNonNull(method, "method is null");
        requireNonNull(protocolVersion, "protocolVersion is null");
    }

    /** What a message is. */
    enum Kind {
        /** Has a method and an id: the server answers it. */
        REQUEST,
        /** Has a method and no id: nobody answers it. */
        NOTIFICATION,
        /** Has an id and no method: the answer to a request. */
        RESPONSE,
        /** A JSON array: several messages at once (MCP 2025-03-26 only). */
        BATCH,
        /** Anything else: not JSON-RPC. */
        OTHER
    }

    /**
     * Reads the envelope of one JSON text.
     *
     * @throws IOException when the text is not JSON
     */
    static JsonRpcEnvelope of(String message) throws IOException {
        requireNonNull(message, "message is null");
        try (JsonParser parser = JSON.createParser(message)) {
            JsonToken first = parser.nextToken();
            if (first == JsonToken.START_ARRAY) {
                return new JsonRpcEnvelope(Kind.BATCH, Optional.empty(), Optional.empty(), Optional.empty());
            }
            if (first != JsonToken.START_OBJECT) {
                return new JsonRpcEnvelope(Kind.OTHER, Optional.empty(), Optional.empty(), Optional.empty());
            }
            String id = null;
            String method = null;
            String protocolVersion = null;
            boolean answer = false;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                switch (field) {
                    case "id" -> id = idText(parser, value);
                    case "method" -> method = value == JsonToken.VALUE_STRING ? parser.getText() : null;
                    case "result" -> {
                        answer = true;
                        protocolVersion = protocolVersion(parser, value);
                    }
                    case "error" -> {
                        answer = true;
                        parser.skipChildren();
                    }
                    default -> parser.skipChildren();
                }
            }
            Kind kind = method != null
                    ? (id != null ? Kind.REQUEST : Kind.NOTIFICATION)
                    : (id != null && answer ? Kind.RESPONSE : Kind.OTHER);
            return new JsonRpcEnvelope(kind, Optional.ofNullable(id), Optional.ofNullable(method),
                    Optional.ofNullable(protocolVersion));
        }
    }

    /**
     * A JSON-RPC error response to the request with this envelope's id, for a failure the server
     * could not answer itself (an HTTP error status, a stream that ended without an answer).
     */
    String errorAnswer(String message) {
        requireNonNull(message, "message is null");
        String quoted = new String(JsonStringEncoder.getInstance().quoteAsString(message));
        return "{\"jsonrpc\":\"2.0\",\"id\":" + id.orElse("null")
                + ",\"error\":{\"code\":-32603,\"message\":\"" + quoted + "\"}}";
    }

    private static String idText(JsonParser parser, JsonToken value) throws IOException {
        return switch (value) {
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> parser.getText();
            case VALUE_STRING -> "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(parser.getText())) + "\"";
            default -> {
                parser.skipChildren();
                yield null;
            }
        };
    }

    private static String protocolVersion(JsonParser parser, JsonToken value) throws IOException {
        if (value != JsonToken.START_OBJECT) {
            parser.skipChildren();
            return null;
        }
        String version = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken inner = parser.nextToken();
            if (field.equals("protocolVersion") && inner == JsonToken.VALUE_STRING) {
                version = parser.getText();
            } else {
                parser.skipChildren();
            }
        }
        return version;
    }
}
