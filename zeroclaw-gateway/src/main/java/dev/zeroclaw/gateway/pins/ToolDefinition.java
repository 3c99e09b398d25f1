package dev.zeroclaw.gateway.pins;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * What is pinned of one tool: its name, description, input and output schemas, what a model reads
 * and acts on (as the issue names them; {@code annotations}, {@code title} and {@code _meta} are
 * left out), in canonical form (object keys sorted at every depth), with the SHA-256 of its
 * compact JSON text.
 *
 * @param name the tool's own name (not the gateway's)
 * @param definition the canonical definition
 * @param sha256 hex SHA-256 of the canonical definition's compact JSON
 */
public record ToolDefinition(String name, JsonNode definition, String sha256) {

    /** The fields pinned, in the order they are written. */
    static final List<String> FIELDS = List.of("name", "description", "inputSchema", "outputSchema");

    public ToolDefinition {
        requireNonNull(name, "name is null");
        requireNonNull(definition, "definition is null");
        requireNonNull(sha256, "sha256 is null");
    }

    /** The pinned part of {@code tool} (an entry of {@code tools/list}); its name must be a string. */
    public static ToolDefinition of(JsonNode tool, ObjectMapper json) {
        ObjectNode pinned = json.createObjectNode();
        for (String field : FIELDS) {
            JsonNode value = tool.get(field);
            if (value != null && !value.isNull()) {
                pinned.set(field, value);
            }
        }
        JsonNode canonical = canonical(pinned, json);
        return new ToolDefinition(tool.path("name").asText(), canonical, sha256(canonical, json));
    }

    /** {@code node} with the keys of every object in it sorted; arrays keep their order. */
    static JsonNode canonical(JsonNode node, ObjectMapper json) {
        if (node.isObject()) {
            List<String> keys = new ArrayList<>();
            node.fieldNames().forEachRemaining(keys::add);
            keys.sort(null);
            ObjectNode sorted = json.createObjectNode();
            keys.forEach(key -> sorted.set(key, canonical(node.get(key), json)));
            return sorted;
        }
        if (node.isArray()) {
            ArrayNode copy = json.createArrayNode();
            node.forEach(element -> copy.add(canonical(element, json)));
            return copy;
        }
        return node;
    }

    private static String sha256(JsonNode canonical, ObjectMapper json) {
        try {
            byte[] text = json.writeValueAsString(canonical).getBytes(StandardCharsets.UTF_8);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text));
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot hash a tool definition", e);
        }
    }
}
