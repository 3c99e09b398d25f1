package dev.zeroclaw.gateway.lists;

import static dev.zeroclaw.gateway.routing.InMemoryFleet.JSON;
import static dev.zeroclaw.gateway.routing.InMemoryFleet.answer;
import static dev.zeroclaw.gateway.routing.InMemoryFleet.error;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.zeroclaw.api.ToolFilter;
import dev.zeroclaw.gateway.pins.MemoryPinStore;
import dev.zeroclaw.gateway.pins.ToolPins;
import dev.zeroclaw.gateway.routing.InMemoryFleet;
import dev.zeroclaw.gateway.routing.InMemoryFleets;
import dev.zeroclaw.mcp.McpError;
import dev.zeroclaw.supervisor.ServerSupervisor;
import dev.zeroclaw.testing.InMemoryMcpServer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The gateway's lists as a client pages through them, over a real registry of in-memory servers. */
class ListUnionTest {

    @RegisterExtension
    final InMemoryFleets fleets = new InMemoryFleets();

    @Test
    void toolsAreNamedServerUnderscoreUnderscoreToolInConfigOrder() {
        Map<String, InMemoryMcpServer> servers = new LinkedHashMap<>();
        servers.put("zeta", InMemoryMcpServer.withTools("zeta", List.of("write", "read")));
        servers.put("alpha", InMemoryMcpServer.withTools("alpha", List.of("search")));
        ListUnion lists = lists(fleets.ready(servers));

        JsonNode page = answer(() -> lists.page(ListKind.TOOLS, JSON.createObjectNode()));

        assertThat(names(page, "tools")).containsExactly("zeta__write", "zeta__read", "alpha__search");
        assertThat(page.has("nextCursor")).isFalse();
        // The rest of an entry is the server's own.
        assertThat(page.path("tools").get(0).path("inputSchema").path("type").asText()).isEqualTo("object");
    }

    @Test
    void toolFiltersApplyToTheServersOwnNamesAndAnUpdateAppliesAtTheNextList() {
        Map<String, InMemoryMcpServer> servers = new LinkedHashMap<>();
        servers.put("fs", InMemoryMcpServer.withTools("fs", List.of("read_file", "read_secret", "write_file", "stat")));
        servers.put("other", InMemoryMcpServer.withTools("other", List.of("write_file")));
        InMemoryFleet fleet = fleets.ready(servers);
        ListUnion lists = lists(fleet);
        assertThat(names(answer(() -> lists.page(ListKind.TOOLS, JSON.createObjectNode())), "tools")).hasSize(5);
        ServerSupervisor fs = fleet.registry().find("fs").orElseThrow();

        fs.update(fs.spec().toBuilder().toolFilter(ToolFilter.of(List.of("read_*", "write_*"), List.of("*_secret"))).build());

        assertThat(names(answer(() -> lists.page(ListKind.TOOLS, JSON.createObjectNode())), "tools"))
                .containsExactly("fs__read_file", "fs__write_file", "other__write_file");
    }

    @Test
    void everyListedToolNameIsOneEveryClientAccepts() {
        Map<String, InMemoryMcpServer> servers = new LinkedHashMap<>();
        servers.put("github.com", InMemoryMcpServer.withTools("github.com", List.of("issues.get", "x".repeat(70))));
        servers.put("github_com", InMemoryMcpServer.withTools("github_com", List.of("issues.get")));
        ListUnion lists = lists(fleets.ready(servers));

        List<String> listed = names(answer(() -> lists.page(ListKind.TOOLS, JSON.createObjectNode())), "tools");

        assertThat(listed).hasSize(3).doesNotHaveDuplicates()
                .allMatch(name -> name.matches("^[a-zA-Z0-9_-]{1,64}$"));
        assertThat(listed.get(0)).matches("github_com_[0-9a-f]{6}__issues_get");
        assertThat(lists.known("tool").orElseThrow().original(listed.get(1)).orElseThrow().name()).isEqualTo("x".repeat(70));
    }

    @Test
    void aLongListComesInPagesThatFollowNextCursor() {
        Map<String, InMemoryMcpServer> servers = new LinkedHashMap<>();
        servers.put("many", InMemoryMcpServer.withToolCount(150));
        servers.put("few", InMemoryMcpServer.withTools("few", List.of("a", "b", "c")));
        ListUnion lists = lists(fleets.ready(servers));

        JsonNode first = answer(() -> lists.page(ListKind.TOOLS, JSON.createObjectNode()));
        assertThat(first.path("tools")).hasSize(ListUnion.PAGE_SIZE);
        assertThat(first.path("nextCursor").isTextual()).isTrue();
        ObjectNode next = JSON.createObjectNode().put("cursor", first.path("nextCursor").asText());
        JsonNode second = answer(() -> lists.page(ListKind.TOOLS, next));

        assertThat(second.has("nextCursor")).isFalse();
        List<String> all = new ArrayList<>(names(first, "tools"));
        all.addAll(names(second, "tools"));
        assertThat(all).containsExactlyElementsOf(Stream.concat(
                IntStream.range(0, 150).mapToObj(i -> "many__tool_" + i),
                Stream.of("few__a", "few__b", "few__c")).toList());
    }

    @Test
    void aCursorTheGatewayDidNotHandOutIsInvalidParams() {
        ListUnion lists = lists(fleets.ready(Map.of("alpha", InMemoryMcpServer.withTools("alpha", List.of("search")))));
        String foreign = Base64.getUrlEncoder().encodeToString("page=2".getBytes(StandardCharsets.UTF_8));

        for (String cursor : List.of("not base64!", foreign)) {
            McpError error = error(() -> lists.page(ListKind.TOOLS, JSON.createObjectNode().put("cursor", cursor)));

            assertThat(error.code()).isEqualTo(McpError.INVALID_PARAMS);
            assertThat(error).hasMessage("invalid cursor '" + cursor + "'; use the nextCursor of the previous page");
        }
    }

    @Test
    void aServerThatFailsToListIsLeftOutAndTheOthersAreListed() {
        Map<String, InMemoryMcpServer> servers = new LinkedHashMap<>();
        servers.put("broken", InMemoryMcpServer.withTools("broken", List.of("x")).withPrompts(List.of("lost"))
                .failing("prompts/list"));
        servers.put("alpha", InMemoryMcpServer.withTools("alpha", List.of("search")).withPrompts(List.of("greet")));
        ListUnion lists = lists(fleets.ready(servers));

        JsonNode page = answer(() -> lists.page(ListKind.PROMPTS, JSON.createObjectNode()));

        assertThat(names(page, "prompts")).containsExactly("alpha__greet");
    }

    @Test
    void aServerWithoutTheListsCapabilityIsNotAsked() {
        Map<String, InMemoryMcpServer> servers = new LinkedHashMap<>();
        servers.put("tools-only", InMemoryMcpServer.withTools("tools-only", List.of("x")));
        servers.put("alpha", InMemoryMcpServer.withTools("alpha", List.of("search")).withPrompts(List.of("greet")));
        ListUnion lists = lists(fleets.ready(servers));

        JsonNode page = answer(() -> lists.page(ListKind.PROMPTS, JSON.createObjectNode()));

        assertThat(names(page, "prompts")).containsExactly("alpha__greet");
    }

    @Test
    void aServerNotYetReadyIsNotListed() {
        CompletableFuture<Void> initialized = new CompletableFuture<>();
        Map<String, InMemoryMcpServer> servers = new LinkedHashMap<>();
        servers.put("slow", InMemoryMcpServer.withTools("slow", List.of("x")).initializeAfter(initialized));
        ListUnion lists = lists(fleets.starting(servers));
        try {
            JsonNode page = answer(() -> lists.page(ListKind.TOOLS, JSON.createObjectNode()));

            assertThat(page.path("tools")).isEmpty();
        } finally {
            initialized.complete(null);
        }
    }

    private static ListUnion lists(InMemoryFleet fleet) {
        return new ListUnion(fleet.registry(), new UpstreamListCache(), new ToolPins(new MemoryPinStore(), JSON, server -> {}), JSON);
    }

    private static List<String> names(JsonNode page, String field) {
        List<String> names = new ArrayList<>();
        page.path(field).forEach(entry -> names.add(entry.path("name").asText()));
        return names;
    }
}
