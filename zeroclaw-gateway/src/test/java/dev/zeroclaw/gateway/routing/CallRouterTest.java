package dev.zeroclaw.gateway.routing;

import static dev.zeroclaw.gateway.routing.InMemoryFleet.JSON;
import static dev.zeroclaw.gateway.routing.InMemoryFleet.answer;
import static dev.zeroclaw.gateway.routing.InMemoryFleet.error;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.zeroclaw.gateway.metrics.GatewayMetrics;
import dev.zeroclaw.gateway.relay.ProgressRoutes;
import dev.zeroclaw.gateway.relay.ServerRequestRelay;
import dev.zeroclaw.gateway.session.CallStream;
import dev.zeroclaw.gateway.session.GatewaySession;
import dev.zeroclaw.mcp.McpError;
import dev.zeroclaw.supervisor.ServerState;
import dev.zeroclaw.testing.InMemoryMcpServer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Calls as a client makes them, routed by a real registry to in-memory servers. */
class CallRouterTest {

    @RegisterExtension
    final InMemoryFleets fleets = new InMemoryFleets();

    @Test
    void aCallGoesToTheServerItsNameNamesUnderTheToolsOwnName() {
        CallRouter router = router(Map.of("alpha", server("alpha", "echo"), "beta", server("beta", "echo")));

        JsonNode result = answer(() -> router.callByName("tools/call", call("beta__echo", "{\"text\":\"hi\"}"), stream()));

        assertThat(result.path("content").get(0).path("text").asText()).isEqualTo("beta/echo {\"text\":\"hi\"}");
    }

    @Test
    void aServerNameHoldingTheSeparatorWinsOverItsPrefix() {
        CallRouter router = router(Map.of("a", server("a", "b__echo"), "a__b", server("a__b", "echo")));

        JsonNode result = answer(() -> router.callByName("tools/call", call("a__b__echo", "{}"), stream()));

        assertThat(result.path("content").get(0).path("text").asText()).isEqualTo("a__b/echo {}");
    }

    @Test
    void aCallToAServerNotConfiguredIsInvalidParamsNamingTheServer() {
        CallRouter router = router(Map.of("alpha", server("alpha", "echo")));

        McpError error = error(() -> router.callByName("tools/call", call("gamma__echo", "{}"), stream()));

        assertThat(error.code()).isEqualTo(McpError.INVALID_PARAMS);
        assertThat(error).hasMessage("unknown tool 'gamma__echo': no server named 'gamma' is configured"
                + " (was it removed by a reload?)");
    }

    @Test
    void aNameWithoutAServerIsInvalidParamsSayingHowNamesAreMade() {
        CallRouter router = router(Map.of("alpha", server("alpha", "echo")));

        McpError error = error(() -> router.callByName("tools/call", call("echo", "{}"), stream()));

        assertThat(error.code()).isEqualTo(McpError.INVALID_PARAMS);
        assertThat(error).hasMessage("unknown tool 'echo': names are <server>__<tool>");
    }

    @Test
    void aToolTheServerDoesNotKnowIsTheServersOwnErrorNamingTheServer() {
        CallRouter router = router(Map.of("alpha", server("alpha", "echo")));

        McpError error = error(() -> router.callByName("tools/call", call("alpha__nope", "{}"), stream()));

        assertThat(error.code()).isEqualTo(McpError.INVALID_PARAMS);
        assertThat(error).hasMessage("server 'alpha': unknown tool 'nope'");
    }

    @Test
    void aCallToAServerBetweenInstancesWaitsForItToBeReady() {
        CompletableFuture<Void> initialized = new CompletableFuture<>();
        InMemoryFleet fleet = fleets.starting(Map.of("slow", server("slow", "echo").initializeAfter(initialized)));
        CallRouter router = router(fleet);
        assertThat(fleet.registry().find("slow").orElseThrow().state()).isEqualTo(ServerState.STARTING);

        CompletableFuture<JsonNode> call = router.callByName("tools/call", call("slow__echo", "{}"), stream());
        // Not answered, and not failed either: it waits, since the server cannot be READY yet.
        assertThat(call).isNotDone();
        initialized.complete(null);

        assertThat(answer(() -> call).path("content").get(0).path("text").asText()).isEqualTo("slow/echo {}");
    }

    private CallRouter router(Map<String, InMemoryMcpServer> servers) {
        return router(fleets.ready(new LinkedHashMap<>(servers)));
    }

    private static CallRouter router(InMemoryFleet fleet) {
        return new CallRouter(fleet.registry(), new GatewayMetrics(), new ProgressRoutes(), fleet.waiters(),
                new ServerRequestRelay(JSON), JSON);
    }

    private static InMemoryMcpServer server(String label, String... tools) {
        return InMemoryMcpServer.withTools(label, List.of(tools));
    }

    private static ObjectNode call(String name, String arguments) {
        ObjectNode params = JSON.createObjectNode().put("name", name);
        try {
            params.set("arguments", JSON.readTree(arguments));
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(arguments, e);
        }
        return params;
    }

    /** A client's POST that takes a JSON answer; the router never needs to open an event stream for these calls. */
    private static CallStream stream() {
        GatewaySession session = new GatewaySession("session-1", "2025-06-18", "test", JSON.createObjectNode(), 0);
        return new CallStream(session, JSON.getNodeFactory().numberNode(1), "application/json",
                () -> {
                    throw new AssertionError("no event stream expected");
                },
                reply -> {});
    }
}
