package dev.zeroclaw.gateway.routing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.zeroclaw.api.ServerPrefixes;

/**
 * Servers' results name resources by the servers' own URIs; the client gets them as the gateway's
 * ({@link ResourceUri}), so that it can read them here. The server's result is never changed: a
 * copy is.
 */
final class ResourceLinks {

    private ResourceLinks() {}

    /** A {@code tools/call} (or {@code prompts/get}) result: its {@code resource_link} and embedded {@code resource} content. */
    static JsonNode inCallResult(ServerPrefixes prefixes, String server, JsonNode result) {
        if (!result.path("content").isArray() || !linksResources(result.path("content"))) {
            return result;
        }
        ObjectNode copy = result.deepCopy();
        for (JsonNode content : copy.path("content")) {
            switch (content.path("type").asText()) {
                case "resource_link" -> qualifyUri(prefixes, server, content);
                case "resource" -> qualifyUri(prefixes, server, content.path("resource"));
                default -> {
                    // Text, images and audio name no resource.
                }
            }
        }
        return copy;
    }

    /** A {@code resources/read} result: each of its {@code contents}. */
    static JsonNode inReadResult(ServerPrefixes prefixes, String server, JsonNode result) {
        ObjectNode copy = result.deepCopy();
        copy.path("contents").forEach(content -> qualifyUri(prefixes, server, content));
        return copy;
    }

    private static boolean linksResources(JsonNode content) {
        for (JsonNode item : content) {
            String type = item.path("type").asText();
            if (type.equals("resource_link") || type.equals("resource")) {
                return true;
            }
        }
        return false;
    }

    private static void qualifyUri(ServerPrefixes prefixes, String server, JsonNode content) {
        if (content instanceof ObjectNode object && object.path("uri").isTextual()) {
            object.put("uri", new ResourceUri(server, object.path("uri").asText()).qualified(prefixes));
        }
    }
}
