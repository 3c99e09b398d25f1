package dev.zeroclaw.gateway.deferred;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ToolDefinitionSizesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<String> kept = new ArrayList<>();
    private final DeferredTools deferredTools = new DeferredTools(() -> true, () -> {}, JSON);
    private final ToolDefinitionSizes sizes = new ToolDefinitionSizes(deferredTools.entries(),
            (server, size) -> kept.add(server + "=" + size.bytes()), JSON);

    @Test
    void theBytesAreTheUtf8OfTheEntriesAsOneJsonArrayAndTheTokensAQuarterRoundedUp() {
        List<JsonNode> tools = List.of(JSON.createObjectNode().put("name", "echo").put("description", "répète"));
        String array = "[{\"name\":\"echo\",\"description\":\"répète\"}]";

        ToolDefinitionSize size = ToolDefinitionSize.of(tools, JSON);

        assertThat(size.tools()).isEqualTo(1);
        assertThat(size.bytes()).isEqualTo(array.getBytes(StandardCharsets.UTF_8).length).isEqualTo(array.length() + 2);
        assertThat(size.tokensEstimate()).isEqualTo((size.bytes() + 3) / 4);
        assertThat(ToolDefinitionSize.ofBytes(3, 8).tokensEstimate()).isEqualTo(2);
        assertThat(ToolDefinitionSize.ofBytes(3, 9).tokensEstimate()).isEqualTo(3);
        assertThat(ToolDefinitionSize.of(List.of(), JSON)).isEqualTo(new ToolDefinitionSize(0, 2, 1));
    }

    @Test
    void aServerIsUnknownUntilRecordedAndAChangedFigureIsKeptOnce() {
        List<JsonNode> tools = List.of(JSON.createObjectNode().put("name", "tool_0"));
        assertThat(sizes.of("fixture")).isEmpty();

        sizes.record("fixture", tools);
        sizes.record("fixture", tools);

        assertThat(sizes.of("fixture")).contains(ToolDefinitionSize.of(tools, JSON));
        assertThat(kept).containsExactly("fixture=" + ToolDefinitionSize.of(tools, JSON).bytes());
        sizes.record("fixture", List.of());
        assertThat(kept).hasSize(2);
        assertThat(sizes.of("fixture").orElseThrow().tools()).isZero();
    }

    @Test
    void theDeferredListIsTheTwoTools() {
        assertThat(sizes.deferred().tools()).isEqualTo(2);
        List<JsonNode> listed = new ArrayList<>();
        deferredTools.list().join().path("tools").forEach(listed::add);
        assertThat(sizes.deferred()).isEqualTo(ToolDefinitionSize.of(listed, JSON));
    }
}
