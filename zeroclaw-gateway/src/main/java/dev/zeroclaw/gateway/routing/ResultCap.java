package dev.zeroclaw.gateway.routing;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.UncheckedIOException;

/**
 * A server's {@code max_result_bytes}: a {@code tools/call} result whose JSON is larger reaches the
 * client cut to fit. Content items are kept in order while they fit; the first that does not is
 * shortened if it is text (else dropped), the rest are dropped, and a last text item says how many
 * bytes were dropped. A result that carries {@code structuredContent} is refused instead: it stands
 * for the tool's {@code outputSchema}, and a cut one (or one whose text duplicate is cut) would no
 * longer match it.
 */
final class ResultCap {

    /** What became of a result. */
    enum Outcome {
        WHOLE,
        CUT,
        REFUSED
    }

    /**
     * @param outcome what was done
     * @param result the result the client gets; null when refused
     * @param refusal why it was refused, for the client's MCP error; null otherwise
     */
    record Capped(Outcome outcome, JsonNode result, String refusal) {}

    private final ObjectMapper json;

    ResultCap(ObjectMapper json) {
        this.json = requireNonNull(json, "json is null");
    }

    /** {@code result} of {@code tool} of {@code server}, fitted to {@code cap} bytes of JSON. */
    Capped fit(String server, String tool, int cap, JsonNode result) {
        int size = size(result);
        if (size <= cap) {
            return new Capped(Outcome.WHOLE, result, null);
        }
        String over = "the result of tool '" + tool + "' of server '" + server + "' is " + size
                + " bytes, over its max_result_bytes of " + cap;
        if (result.has("structuredContent")) {
            return refused(over + ", and carries structuredContent (for the tool's outputSchema), which a cut would break;"
                    + " ask the tool for less, or raise max_result_bytes");
        }
        ObjectNode cut = result.deepCopy();
        ArrayNode kept = cut.putArray("content");
        int budget = cap - size(cut) - size(notice(cap, server, size, size)) - 1;
        if (budget < 0) {
            return refused(over + ", and its other members than content leave no room to cut it to");
        }
        for (JsonNode item : result.path("content")) {
            int separator = kept.isEmpty() ? 0 : 1;
            int itemSize = size(item) + separator;
            if (itemSize <= budget) {
                kept.add(item);
                budget -= itemSize;
                continue;
            }
            if (item.path("type").asText().equals("text") && item.path("text").isTextual()) {
                ObjectNode shortened = item.deepCopy();
                shortened.put("text", "");
                int room = budget - separator - size(shortened) + size(TextNode.valueOf(""));
                String text = prefixWithin(item.path("text").asText(), room);
                if (!text.isEmpty()) {
                    shortened.put("text", text);
                    kept.add(shortened);
                }
            }
            break;
        }
        int dropped = size - size(cut);
        kept.add(notice(cap, server, dropped, size));
        return new Capped(Outcome.CUT, cut, null);
    }

    private Capped refused(String why) {
        return new Capped(Outcome.REFUSED, null, why);
    }

    private ObjectNode notice(int cap, String server, int dropped, int size) {
        return json.createObjectNode().put("type", "text").put("text", "[zeroclaw: result cut to fit max_result_bytes = "
                + cap + " of server '" + server + "': " + dropped + " of its " + size + " bytes were dropped]");
    }

    /** The longest start of {@code text} whose JSON string takes at most {@code room} bytes. */
    private String prefixWithin(String text, int room) {
        int low = 0;
        // Each character takes one byte at least: no longer start can fit.
        int high = Math.min(text.length(), Math.max(room, 0));
        while (low < high) {
            int mid = (low + high + 1) >>> 1;
            if (size(TextNode.valueOf(text.substring(0, whole(text, mid)))) <= room) {
                low = mid;
            } else {
                high = mid - 1;
            }
        }
        return text.substring(0, whole(text, low));
    }

    /** {@code end}, or one less when it would split a surrogate pair. */
    private static int whole(String text, int end) {
        return end > 0 && Character.isHighSurrogate(text.charAt(end - 1)) ? end - 1 : end;
    }

    private int size(JsonNode node) {
        try {
            return json.writeValueAsBytes(node).length;
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
