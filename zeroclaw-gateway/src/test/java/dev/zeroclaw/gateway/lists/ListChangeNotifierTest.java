package dev.zeroclaw.gateway.lists;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zeroclaw.api.ToolFilter;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** When a reload's new tool filters make clients' tool lists change, and so warrant a list_changed. */
class ListChangeNotifierTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Optional<List<JsonNode>> TOOLS = Optional.of(List.of(tool("read_file"), tool("write_file")));

    @Test
    void aFilterThatHidesAToolChangesTheList() {
        assertThat(ListChangeNotifier.visibleToolsChanged(TOOLS, ToolFilter.NONE, ToolFilter.of(List.of(), List.of("write_*"))))
                .isTrue();
    }

    @Test
    void aFilterThatHidesNoListedToolChangesNothing() {
        assertThat(ListChangeNotifier.visibleToolsChanged(TOOLS, ToolFilter.NONE, ToolFilter.of(List.of(), List.of("delete_*"))))
                .isFalse();
        assertThat(ListChangeNotifier.visibleToolsChanged(TOOLS, ToolFilter.of(List.of("*_file"), List.of()),
                ToolFilter.of(List.of("read_*", "write_*"), List.of()))).isFalse();
    }

    @Test
    void withoutAListAtHandAChangedFilterCountsAsAChangedList() {
        assertThat(ListChangeNotifier.visibleToolsChanged(Optional.empty(), ToolFilter.NONE,
                ToolFilter.of(List.of(), List.of("delete_*")))).isTrue();
    }

    private static JsonNode tool(String name) {
        return JSON.createObjectNode().put("name", name);
    }
}
