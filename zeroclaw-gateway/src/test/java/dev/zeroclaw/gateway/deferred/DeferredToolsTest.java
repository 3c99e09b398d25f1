package dev.zeroclaw.gateway.deferred;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.zeroclaw.api.McpBundle;
import dev.zeroclaw.gateway.view.ClientView;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class DeferredToolsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final AtomicBoolean setting = new AtomicBoolean(true);
    private final AtomicInteger listChanged = new AtomicInteger();
    private final DeferredTools deferred = new DeferredTools(setting::get, listChanged::incrementAndGet, JSON);
    // What the session may see; tests change it between searches as a reload or a restart would.
    private final List<JsonNode> visible = new ArrayList<>();
    private final Supplier<CompletableFuture<List<JsonNode>>> tools = () -> CompletableFuture.completedFuture(List.copyOf(visible));
    private final List<JsonNode> routed = new ArrayList<>();
    private final Function<JsonNode, CompletableFuture<JsonNode>> router = params -> {
        routed.add(params);
        return CompletableFuture.completedFuture(JSON.createObjectNode().put("routed", params.path("name").asText()));
    };

    @Test
    void theListHoldsExactlyTheTwoToolsWithTheirSchemas() {
        JsonNode list = deferred.list().join();
        assertThat(list.path("tools")).hasSize(2);
        assertThat(list.path("tools").get(0).path("name").asText()).isEqualTo("tool_search");
        assertThat(list.path("tools").get(0).path("inputSchema").path("required").toString()).isEqualTo("[\"query\"]");
        assertThat(list.path("tools").get(0).path("inputSchema").path("properties").path("limit").path("maximum").asInt())
                .isEqualTo(50);
        assertThat(list.path("tools").get(0).path("outputSchema").path("type").asText()).isEqualTo("object");
        assertThat(list.path("tools").get(1).path("name").asText()).isEqualTo("tool_call");
        assertThat(list.has("nextCursor")).isFalse();
    }

    @Test
    void searchAnswersNamesDescriptionsAndSchemasAsStructuredContentAndText() throws Exception {
        ObjectNode schema = JSON.createObjectNode().put("type", "object");
        schema.putObject("properties").putObject("message").put("type", "string");
        ObjectNode output = JSON.createObjectNode().put("type", "object");
        visible.add(JSON.createObjectNode().put("name", "everything__echo").put("description", "Echoes back the input")
                .<ObjectNode>set("inputSchema", schema).set("outputSchema", output));
        visible.add(tool("everything__add", "Adds two numbers"));

        JsonNode result = search(JSON.createObjectNode().put("query", "echo"));

        assertThat(result.has("isError")).isFalse();
        JsonNode found = result.path("structuredContent");
        assertThat(found.path("matched").asInt()).isEqualTo(1);
        assertThat(found.path("tools")).hasSize(1);
        assertThat(found.path("tools").get(0).path("name").asText()).isEqualTo("everything__echo");
        assertThat(found.path("tools").get(0).path("description").asText()).isEqualTo("Echoes back the input");
        assertThat(found.path("tools").get(0).path("inputSchema")).isEqualTo(schema);
        assertThat(found.path("tools").get(0).path("outputSchema")).isEqualTo(output);
        assertThat(JSON.readTree(result.path("content").get(0).path("text").asText())).isEqualTo(found);
    }

    @Test
    void theLimitCutsTheMatchesAndMatchedCountsThemAll() {
        for (int i = 0; i < 8; i++) {
            visible.add(tool("fixture__tool_" + i, "a tool"));
        }
        assertThat(search(JSON.createObjectNode().put("query", "fixture__*")).path("structuredContent").path("tools"))
                .hasSize(DeferredTools.DEFAULT_LIMIT);
        JsonNode three = search(JSON.createObjectNode().put("query", "fixture__*").put("limit", 3)).path("structuredContent");
        assertThat(three.path("tools")).hasSize(3);
        assertThat(three.path("matched").asInt()).isEqualTo(8);
    }

    @Test
    void badSearchArgumentsAreToolErrorsThatSayWhatToGive() {
        assertThat(errorText(search(JSON.createObjectNode()))).contains("needs \"query\"");
        assertThat(errorText(search(JSON.createObjectNode().put("query", "x").put("limit", 51)))).contains("from 1 to 50");
        assertThat(errorText(search(JSON.createObjectNode().put("query", "x").put("limit", 0)))).contains("from 1 to 50");
        assertThat(errorText(search(JSON.createObjectNode().put("query", "a*b*")))).contains("at most one");
    }

    @Test
    void eachSearchReadsTheToolsAnew() {
        assertThat(search(JSON.createObjectNode().put("query", "late__*")).path("structuredContent").path("matched").asInt())
                .isZero();
        visible.add(tool("late__tool_0", "came READY after the first search"));
        assertThat(search(JSON.createObjectNode().put("query", "late__*")).path("structuredContent").path("tools").get(0)
                .path("name").asText()).isEqualTo("late__tool_0");
    }

    @Test
    void toolCallRoutesTheNamedToolWithItsArgumentsAndProgressToken() {
        ObjectNode params = JSON.createObjectNode().put("name", "tool_call");
        params.putObject("arguments").put("name", "everything__echo").putObject("arguments").put("message", "hi");
        params.putObject("_meta").put("progressToken", 7);

        JsonNode result = deferred.call(params, tools, router).join();

        assertThat(result.path("routed").asText()).isEqualTo("everything__echo");
        assertThat(routed).hasSize(1);
        assertThat(routed.get(0).path("arguments").path("message").asText()).isEqualTo("hi");
        assertThat(routed.get(0).path("_meta").path("progressToken").asInt()).isEqualTo(7);
    }

    @Test
    void toolCallWithoutArgumentsSendsAnEmptyObject() {
        ObjectNode params = JSON.createObjectNode().put("name", "tool_call");
        params.putObject("arguments").put("name", "everything__add");
        deferred.call(params, tools, router).join();
        assertThat(routed.get(0).path("arguments").isObject()).isTrue();
        assertThat(routed.get(0).path("arguments")).isEmpty();
    }

    @Test
    void badToolCallArgumentsAreToolErrorsAndReachNoServer() {
        ObjectNode noName = JSON.createObjectNode().put("name", "tool_call");
        noName.putObject("arguments");
        assertThat(errorText(deferred.call(noName, tools, router).join())).contains("needs \"name\"");
        ObjectNode notAnObject = JSON.createObjectNode().put("name", "tool_call");
        notAnObject.putObject("arguments").put("name", "everything__echo").put("arguments", "hi");
        assertThat(errorText(deferred.call(notAnObject, tools, router).join())).contains("must be an object");
        ObjectNode itself = JSON.createObjectNode().put("name", "tool_call");
        itself.putObject("arguments").put("name", "tool_search");
        assertThat(errorText(deferred.call(itself, tools, router).join())).contains("call tool_search directly");
        assertThat(routed).isEmpty();
    }

    @Test
    void aDirectCallOfAnExposedNameStillRoutes() {
        ObjectNode params = JSON.createObjectNode().put("name", "everything__echo");
        params.putObject("arguments").put("message", "cached name");
        assertThat(deferred.call(params, tools, router).join().path("routed").asText()).isEqualTo("everything__echo");
        assertThat(routed.get(0)).isEqualTo(params);
    }

    @Test
    void theFlagIsTheLiveSetting() {
        assertThat(deferred.deferred(ClientView.WHOLE)).isTrue();
        setting.set(false);
        assertThat(deferred.deferred(ClientView.WHOLE)).isFalse();
    }

    @Test
    void aBundlesOwnSettingWinsOverTheGateways() {
        ClientView eager = ClientView.of(bundle(Optional.of(false)));
        ClientView unset = ClientView.of(bundle(Optional.empty()));

        assertThat(deferred.deferred(eager)).isFalse();
        assertThat(deferred.deferred(unset)).isTrue();
        setting.set(false);
        assertThat(deferred.deferred(ClientView.of(bundle(Optional.of(true))))).isTrue();
        assertThat(deferred.deferred(unset)).isFalse();
    }

    private static McpBundle bundle(Optional<Boolean> deferredLoading) {
        return new McpBundle("dev", List.of("everything"), List.of(), List.of(), Optional.empty(), deferredLoading, Optional.empty());
    }

    @Test
    void aReloadThatFlipsTheSettingTellsTheSessionsOnce() {
        deferred.deferred(ClientView.WHOLE);
        setting.set(false);
        deferred.applied(false);
        assertThat(listChanged.get()).isEqualTo(1);
        deferred.applied(false);
        assertThat(listChanged.get()).isEqualTo(1);
        setting.set(true);
        deferred.applied(true);
        assertThat(listChanged.get()).isEqualTo(2);
    }

    @Test
    void aReloadBeforeAnySessionAskedTellsNobody() {
        deferred.applied(false);
        assertThat(listChanged.get()).isZero();
    }

    private JsonNode search(ObjectNode arguments) {
        ObjectNode params = JSON.createObjectNode().put("name", "tool_search");
        params.set("arguments", arguments);
        return deferred.call(params, tools, router).join();
    }

    private static String errorText(JsonNode result) {
        assertThat(result.path("isError").asBoolean()).as("isError of %s", result).isTrue();
        return result.path("content").get(0).path("text").asText();
    }

    private static JsonNode tool(String name, String description) {
        ObjectNode tool = JSON.createObjectNode().put("name", name).put("description", description);
        tool.putObject("inputSchema").put("type", "object");
        return tool;
    }
}
