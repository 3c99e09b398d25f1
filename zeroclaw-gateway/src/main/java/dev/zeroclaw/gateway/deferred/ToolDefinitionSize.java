package dev.zeroclaw.gateway.deferred;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a list of tool definitions costs a client: how many, their bytes as JSON, and an estimate
 * of the tokens they take in a model's context.
 *
 * @param tools the number of definitions
 * @param bytes the UTF-8 bytes of the definitions as one compact JSON array (the entries of a
 *     {@code tools/list} result, as the server sent them)
 * @param tokensEstimate {@code bytes / 4}, rounded up: about four bytes of JSON per token for the
 *     common tokenizers; an estimate for comparing lists, not a count
 */
public record ToolDefinitionSize(int tools, long bytes, long tokensEstimate) {

    public static final int BYTES_PER_TOKEN = 4;

    public ToolDefinitionSize {
        if (tools < 0 || bytes < 0 || tokensEstimate < 0) {
            throw new IllegalArgumentException("a size is not negative");
        }
    }

    /** The size of {@code entries}, each a tool definition. */
    public static ToolDefinitionSize of(List<JsonNode> entries, ObjectMapper json) {
        byte[] encoded;
        try {
            encoded = json.writeValueAsBytes(entries);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        return ofBytes(entries.size(), encoded.length);
    }

    /** The size of {@code tools} definitions of {@code bytes} bytes, with its token estimate. */
    public static ToolDefinitionSize ofBytes(int tools, long bytes) {
        return new ToolDefinitionSize(tools, bytes, (bytes + BYTES_PER_TOKEN - 1) / BYTES_PER_TOKEN);
    }

    /** This size and {@code other} together. */
    public ToolDefinitionSize plus(ToolDefinitionSize other) {
        return ofBytes(tools + other.tools, bytes + other.bytes);
    }

    /** The size as {@code status --json} and {@code config check --json} show it. */
    public Map<String, Object> document() {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("tools", tools);
        document.put("bytes", bytes);
        document.put("tokens_estimate", tokensEstimate);
        return document;
    }
}
