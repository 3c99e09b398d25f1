package dev.zeroclaw.gateway.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;
import java.util.Optional;

/**
 * Checks that a client's message is JSON-RPC 2.0 before the gateway acts on it: {@code "jsonrpc":
 * "2.0"}, and an {@code id}, when there is one, that is a string or a number (MCP: never null in a
 * request; JSON-RPC: never an object, an array or a boolean). Anything else is answered -32600
 * Invalid Request rather than guessed at.
 */
public final class JsonRpcEnvelope {

    private JsonRpcEnvelope() {}

    /** What is wrong with {@code message} (a JSON object), or empty when it is a JSON-RPC 2.0 message. */
    public static Optional<String> problem(JsonNode message) {
        JsonNode version = message.get("jsonrpc");
        if (version == null || !version.isTextual() || !version.asText().equals("2.0")) {
            return Optional.of("not a JSON-RPC 2.0 message: \"jsonrpc\" must be \"2.0\", got "
                    + (version == null ? "none" : shorten(version.toString())));
        }
        JsonNode id = message.get("id");
        if (id != null && !id.isNull() && !validId(id)) {
            return Optional.of("a JSON-RPC id must be a string or a number, got " + kind(id));
        }
        return Optional.empty();
    }

    /** The id to answer an invalid message with: its own when that is valid, else null (JSON-RPC). */
    public static JsonNode replyId(JsonNode message) {
        JsonNode id = message.get("id");
        return id != null && validId(id) ? id : null;
    }

    private static boolean validId(JsonNode id) {
        return id.isTextual() || id.isNumber();
    }

    private static String kind(JsonNode id) {
        if (id.isObject()) {
            return "an object";
        }
        if (id.isArray()) {
            return "an array";
        }
        return id.isBoolean() ? "a boolean" : id.getNodeType().toString().toLowerCase(Locale.ROOT);
    }

    private static String shorten(String value) {
        return value.length() <= 20 ? value : value.substring(0, 20) + "…";
    }
}
