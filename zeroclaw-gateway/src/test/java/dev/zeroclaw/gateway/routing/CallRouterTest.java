package dev.zeroclaw.gateway.routing;

import static dev.zeroclaw.gateway.routing.InMemoryFleet.JSON;
import static dev.zeroclaw.gateway.routing.InMemoryFleet.answer;
import static dev.zeroclaw.gateway.routing.InMemoryFleet.error;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.zeroclaw.api.ExposedNames;
import dev.zeroclaw.api.ServerPrefixes;
import dev.zeroclaw.api.ServerSpec;
import dev.zeroclaw.api.ToolFilter;
import dev.zeroclaw.gateway.lists.ListUnion;
import dev.zeroclaw.gateway.lists.UpstreamListCache;
import dev.zeroclaw.gateway.metrics.GatewayMetrics;
import dev.zeroclaw.gateway.observe.ObservedCall;
import dev.zeroclaw.gateway.observe.ObservedRequest;
import dev.zeroclaw.gateway.pins.MemoryPinStore;
import dev.zeroclaw.gateway.pins.ToolPins;
import dev.zeroclaw.gateway.relay.ProgressRoutes;
import dev.zeroclaw.gateway.relay.ServerRequestRelay;
import dev.zeroclaw.gateway.session.CallStream;
import dev.zeroclaw.gateway.session.GatewaySession;
import dev.zeroclaw.mcp.McpError;
import dev.zeroclaw.supervisor.ServerState;
import dev.zeroclaw.supervisor.ServerSupervisor;
import dev.zeroclaw.testing.Eventually;
import dev.zeroclaw.testing.InMemoryBehaviour;
import dev.zeroclaw.testing.InMemoryMcpServer;
import dev.zeroclaw.testing.InMemoryTransport;
import dev.zeroclaw.testing.ManualScheduler;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Calls as a client makes them, routed by a real registry to in-memory servers. */
class CallRouterTest {

    @RegisterExtension
    final InMemoryFleets fleets = new InMemoryFleets();
    /** Backoff delays and pings: nothing is retried until a test says so. */
    private final ManualScheduler timers = new ManualScheduler();

    @Test
    void aCallGoesToTheServerItsNameNamesUnderTheToolsOwnName() {
        CallRouter router = router(Map.of("alpha", server("alpha", "echo"), "beta", server("beta", "echo")));

        JsonNode result = answer(() -> router.callByName("tools/call", call("beta__echo", "{\"text\":\"hi\"}"), stream()));

        assertThat(result.path("content").get(0).path("text").asText()).isEqualTo("beta/echo {\"text\":\"hi\"}");
    }

    @Test
    void aCallToAFilteredToolIsAnErrorNamingTheRuleUntilAnUpdateLiftsIt() {
        InMemoryFleet fleet = fleets.ready(new LinkedHashMap<>(Map.of("fs", server("fs", "read_file", "write_file"))));
        CallRouter router = router(fleet);
        ServerSupervisor fs = fleet.registry().find("fs").orElseThrow();
        ServerSpec unfiltered = fs.spec();
        fs.update(unfiltered.toBuilder().toolFilter(ToolFilter.of(List.of(), List.of("wr*"))).build());

        McpError excluded = error(() -> router.callByName("tools/call", call("fs__write_file", "{}"), stream()));
        assertThat(excluded.code()).isEqualTo(McpError.INVALID_PARAMS);
        assertThat(excluded.getMessage()).isEqualTo("tool 'write_file' of server 'fs' is excluded by excluded_tools pattern 'wr*'");
        assertThat(answer(() -> router.callByName("tools/call", call("fs__read_file", "{}"), stream()))
                .path("content").get(0).path("text").asText()).isEqualTo("fs/read_file {}");

        fs.update(unfiltered.toBuilder().toolFilter(ToolFilter.of(List.of("read_*"), List.of())).build());
        assertThat(error(() -> router.callByName("tools/call", call("fs__write_file", "{}"), stream())).getMessage())
                .isEqualTo("tool 'write_file' of server 'fs' is not matched by any allowed_tools pattern ('read_*')");

        fs.update(unfiltered);
        assertThat(answer(() -> router.callByName("tools/call", call("fs__write_file", "{}"), stream()))
                .path("content").get(0).path("text").asText()).isEqualTo("fs/write_file {}");
    }

    @Test
    void aResultOverTheServersCapIsCutAndCounted() {
        InMemoryFleet fleet = fleets.ready(new LinkedHashMap<>(Map.of("fs", server("fs", "echo"))));
        GatewayMetrics metrics = new GatewayMetrics();
        CallRouter router = router(fleet, metrics);
        ServerSupervisor fs = fleet.registry().find("fs").orElseThrow();
        fs.update(fs.spec().toBuilder().maxResultBytes(1024).build());
        String big = "{\"text\":\"" + "y".repeat(4_000) + "\"}";

        JsonNode result = answer(() -> router.callByName("tools/call", call("fs__echo", big), stream()));

        assertThat(result.toString().length()).isLessThanOrEqualTo(1024);
        assertThat(result.path("content").get(1).path("text").asText())
                .startsWith("[zeroclaw: result cut to fit max_result_bytes = 1024 of server 'fs': ");
        assertThat(metrics.render(List.of(), 1)).contains("zeroclaw_gateway_results_cut_total{server=\"fs\"} 1");
    }

    @Test
    void theRequestsObserverHearsTheCallToTheServingInstanceUnderTheToolsOwnNameAndItsEnd() {
        CallRouter router = router(Map.of("beta", server("beta", "echo")));
        List<String> heard = new CopyOnWriteArrayList<>();
        CallStream stream = stream();
        stream.observed(new ObservedRequest() {
            @Override
            public ObservedCall upstream(String server, long instance, String method, ObjectNode params) {
                heard.add("upstream " + server + " " + method + " " + params.path("name").asText() + " instance>0=" + (instance > 0));
                return failure -> heard.add("answered, failure=" + failure);
            }

            @Override
            public void end(JsonNode result, Throwable failure) {
                heard.add("the router never ends the request: the protocol does");
            }
        });

        answer(() -> router.callByName("tools/call", call("beta__echo", "{}"), stream));

        assertThat(heard).containsExactly("upstream beta tools/call echo instance>0=true", "answered, failure=null");
    }

    @Test
    void aToolRenamedForClientsIsCalledUnderItsOwnName() {
        String seventy = "t".repeat(70);
        CallRouter router = router(Map.of("github.com", server("github.com", "issues.get", seventy)));
        String cut = ExposedNames.of(ServerPrefixes.of(List.of("github.com")), Map.of("github.com", List.of(seventy)))
                .exposed("github.com", seventy);

        JsonNode dotted = answer(() -> router.callByName("tools/call", call("github_com__issues_get", "{}"), stream()));
        JsonNode long70 = answer(() -> router.callByName("tools/call", call(cut, "{}"), stream()));

        assertThat(dotted.path("content").get(0).path("text").asText()).isEqualTo("github.com/issues.get {}");
        assertThat(cut).hasSize(64);
        assertThat(long70.path("content").get(0).path("text").asText()).isEqualTo("github.com/" + seventy + " {}");
    }

    @Test
    void aServerNameEndingInAnUnderscoreWinsOverItsPrefix() {
        CallRouter router = router(Map.of("a", server("a", "_echo"), "a_", server("a_", "echo")));

        JsonNode result = answer(() -> router.callByName("tools/call", call("a___echo", "{}"), stream()));

        assertThat(result.path("content").get(0).path("text").asText()).isEqualTo("a_/echo {}");
    }

    @Test
    void aConfiguredServerWithNoToolNameIsInvalidParamsSayingTheNameIsMissing() {
        CallRouter router = router(Map.of("a", server("a", "echo")));

        McpError error = error(() -> router.callByName("tools/call", call("a__", "{}"), stream()));

        assertThat(error.code()).isEqualTo(McpError.INVALID_PARAMS);
        assertThat(error).hasMessage("unknown tool 'a__': no tool name follows 'a__'; names are <server>__<tool>");
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

    @Test
    void aCallToAServerInBackoffFailsAtOnceWithTheStateTheLastErrorAndTheNextAttempt() {
        // Issue 17: the server's process crashed and the supervisor waits before the restart; the
        // call used to wait out tool_timeout_secs (180 s) and then fail with -32001.
        InMemoryFleet fleet = crashedIntoBackoff();
        CallRouter router = router(fleet);
        ServerSupervisor flaky = fleet.registry().find("flaky").orElseThrow();

        McpError error = error(() -> router.callByName("tools/call", call("flaky__echo", "{}"), stream()));

        assertThat(error.code()).isEqualTo(McpError.INTERNAL_ERROR);
        assertThat(error).hasMessage("server 'flaky' is BACKOFF (last error: exit code 1); the next start attempt is in"
                + " 1.0 s; try again once it is READY");
        // Nothing was retried meanwhile: the answer did not wait for the restart.
        assertThat(flaky.state()).isEqualTo(ServerState.BACKOFF);
    }

    @Test
    void aCallWaitingForARestartThatFailsFailsWhenTheServerGoesBackToBackoff() {
        InMemoryFleet fleet = crashedIntoBackoff();
        CallRouter router = router(fleet);
        fleet.behave(InMemoryBehaviour.healthy().withHeldInitialize());
        timers.runNext();
        InMemoryTransport restarted = fleet.transport("flaky");
        Eventually.until("the restart under way", restarted::holdsInitialize);

        CompletableFuture<JsonNode> call = router.callByName("tools/call", call("flaky__echo", "{}"), stream());
        // A restart under way is waited for.
        assertThat(call).isNotDone();
        restarted.crash("exit code 2");

        assertThat(error(() -> call)).hasMessage("server 'flaky' is BACKOFF (last error: initialize failed: the server"
                + " has ended: exit code 2); the next start attempt is in 2.0 s; try again once it is READY");
    }

    /** Server {@code flaky}, READY, then crashed ("exit code 1"): in BACKOFF until the test runs {@link #timers}. */
    private InMemoryFleet crashedIntoBackoff() {
        InMemoryFleet fleet = fleets.ready(Map.of("flaky", server("flaky", "echo")), timers);
        ServerSupervisor flaky = fleet.registry().find("flaky").orElseThrow();
        fleet.transport("flaky").crash("exit code 1");
        Eventually.until("flaky in BACKOFF", () -> flaky.state() == ServerState.BACKOFF);
        return fleet;
    }

    private CallRouter router(Map<String, InMemoryMcpServer> servers) {
        return router(fleets.ready(new LinkedHashMap<>(servers)));
    }

    private static CallRouter router(InMemoryFleet fleet) {
        return router(fleet, new GatewayMetrics());
    }

    private static CallRouter router(InMemoryFleet fleet, GatewayMetrics metrics) {
        ToolPins pins = new ToolPins(new MemoryPinStore(), JSON, server -> {});
        return new CallRouter(fleet.registry(), metrics, new ProgressRoutes(), fleet.waiters(),
                new ServerRequestRelay(JSON), pins, new ListUnion(fleet.registry(), new UpstreamListCache(), pins, JSON), JSON);
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
