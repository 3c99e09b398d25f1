package dev.zeroclaw.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ResultCapTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final ResultCap cap = new ResultCap(JSON);

    @Test
    void aResultWithinTheCapPassesUntouched() {
        JsonNode result = result("small");

        ResultCap.Capped capped = cap.fit("fs", "read", 1024, result);

        assertThat(capped.outcome()).isEqualTo(ResultCap.Outcome.WHOLE);
        assertThat(capped.result()).isSameAs(result);
    }

    @Test
    void aLargeTextIsShortenedToFitWithANoticeOfTheBytesDropped() throws Exception {
        JsonNode result = result("x".repeat(10_000));
        int size = bytes(result);

        ResultCap.Capped capped = cap.fit("fs", "read", 2048, result);

        assertThat(capped.outcome()).isEqualTo(ResultCap.Outcome.CUT);
        JsonNode content = capped.result().path("content");
        assertThat(bytes(capped.result())).isLessThanOrEqualTo(2048).isGreaterThan(1900);
        assertThat(content).hasSize(2);
        String kept = content.get(0).path("text").asText();
        assertThat(kept).matches("x+").hasSizeLessThan(2048);
        int dropped = size - bytes(withoutNotice(capped.result()));
        assertThat(content.get(1).path("text").asText()).isEqualTo("[zeroclaw: result cut to fit max_result_bytes = 2048 of"
                + " server 'fs': " + dropped + " of its " + size + " bytes were dropped]");
    }

    @Test
    void itemsAfterTheOneCutAreDroppedAndOtherMembersKept() throws Exception {
        ObjectNode result = result("a".repeat(500));
        ArrayNode content = (ArrayNode) result.path("content");
        content.addObject().put("type", "image").put("data", "b".repeat(5_000)).put("mimeType", "image/png");
        content.addObject().put("type", "text").put("text", "after the image");
        result.put("isError", false);

        ResultCap.Capped capped = cap.fit("fs", "read", 1500, result);

        assertThat(capped.outcome()).isEqualTo(ResultCap.Outcome.CUT);
        assertThat(bytes(capped.result())).isLessThanOrEqualTo(1500);
        assertThat(capped.result().path("isError").asBoolean(true)).isFalse();
        assertThat(capped.result().path("content")).hasSize(2);
        assertThat(capped.result().path("content").get(0).path("text").asText()).isEqualTo("a".repeat(500));
        assertThat(capped.result().path("content").get(1).path("text").asText()).startsWith("[zeroclaw: result cut");
    }

    @Test
    void escapedAndMultiByteTextIsCutWithinTheCapAndNeverInsideACharacter() throws Exception {
        JsonNode result = result("\"é\n😀".repeat(2_000));

        ResultCap.Capped capped = cap.fit("fs", "read", 1024, result);

        assertThat(bytes(capped.result())).isLessThanOrEqualTo(1024);
        String kept = capped.result().path("content").get(0).path("text").asText();
        assertThat(kept).isNotEmpty();
        assertThat(Character.isHighSurrogate(kept.charAt(kept.length() - 1))).isFalse();
        assertThat("\"é\n😀".repeat(2_000)).startsWith(kept);
    }

    @Test
    void aResultWithStructuredContentIsRefusedNamingItsSizeAndTheCap() throws Exception {
        ObjectNode result = result("{}");
        result.putObject("structuredContent").put("rows", "r".repeat(3_000));
        int size = bytes(result);

        ResultCap.Capped capped = cap.fit("db", "query", 1024, result);

        assertThat(capped.outcome()).isEqualTo(ResultCap.Outcome.REFUSED);
        assertThat(capped.result()).isNull();
        assertThat(capped.refusal()).startsWith("the result of tool 'query' of server 'db' is " + size
                + " bytes, over its max_result_bytes of 1024, and carries structuredContent");
    }

    private static ObjectNode result(String text) {
        ObjectNode result = JSON.createObjectNode();
        result.putArray("content").addObject().put("type", "text").put("text", text);
        return result;
    }

    private static JsonNode withoutNotice(JsonNode cut) {
        ObjectNode copy = cut.deepCopy();
        ArrayNode content = (ArrayNode) copy.path("content");
        content.remove(content.size() - 1);
        return copy;
    }

    private static int bytes(JsonNode node) throws Exception {
        return JSON.writeValueAsString(node).getBytes(StandardCharsets.UTF_8).length;
    }
}
