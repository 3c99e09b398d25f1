package dev.zeroclaw.daemon.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bundles as gateway endpoints (issue 14, item 1), with the official TypeScript MCP client: two
 * bundles with their own tokens see exactly their servers' tools (and the gateway's token on
 * {@code /mcp} sees all); a bundle's token on another bundle's path still sees its own bundle; a
 * call outside a view is an error naming the bundle; a reload that moves a server from one bundle
 * to another keeps every server's pid and sends {@code list_changed} only to the affected sessions
 * (a session on an untouched bundle hears nothing before a later marker); a removed bundle's
 * session gets a clear error; {@code zeroclaw connect --bundle} reaches a bundle with its token.
 */
class GatewayBundlesIT {

    private static final String GATEWAY_TOKEN = "gw-7Yq2-bundles-it";
    private static final String DEV_TOKEN = "dev-Kp41-bundles-it";
    private static final String OPS_TOKEN = "ops-Zr88-bundles-it";

    @TempDir
    Path dir;

    @Test
    void bundlesScopeClientsAndChangeLiveOnReload() throws Exception {
        int port = ReferenceServers.freePort();
        String servers = ReferenceServers.gateway(port) + "auth_token_env = \"ZC_GATEWAY_TOKEN\"\n"
                + ReferenceServers.fixtureWithTools("alpha", "read", "write") + ReferenceServers.fixtureWithTools("beta", "search")
                + ReferenceServers.fixtureWithTools("gamma", "ping_me");
        String qa = "[mcp_bundles.qa]\nservers = [\"gamma\"]\n";
        String movedBundles = """
                [mcp_bundles.dev]
                servers = ["alpha"]
                tools = ["alpha__read", "beta__*"]
                auth_token_env = "DEV_TOKEN"
                [mcp_bundles.ops]
                servers = ["gamma", "beta"]
                auth_token_env = "OPS_TOKEN"
                """;
        Path config = Files.writeString(dir.resolve("config.toml"), servers + """
                [mcp_bundles.dev]
                servers = ["alpha", "beta"]
                tools = ["alpha__read", "beta__*"]
                auth_token_env = "DEV_TOKEN"
                [mcp_bundles.ops]
                servers = ["gamma"]
                auth_token_env = "OPS_TOKEN"
                [mcp_bundles.old]
                servers = ["alpha"]
                """ + qa);
        Path moved = Files.writeString(dir.resolve("moved.toml"), servers + movedBundles + qa);
        Path marker = Files.writeString(dir.resolve("marker.toml"), servers + movedBundles + qa + "tools = [\"gamma__*\"]\n");
        Map<String, String> tokens = Map.of("ZC_GATEWAY_TOKEN", GATEWAY_TOKEN, "DEV_TOKEN", DEV_TOKEN, "OPS_TOKEN", OPS_TOKEN);
        try (RunningDaemon daemon = RunningDaemon.start(config, dir, tokens)) {
            daemon.awaitReady("alpha", "beta", "gamma");
            JsonNode started = daemon.status();

            Map<String, String> env = new java.util.HashMap<>(tokens);
            env.putAll(Map.of("ZC_JAVA", Zeroclaw.JAVA, "ZC_JAR", Zeroclaw.JAR.toString(),
                    "ZC_RUNTIME_DIR", daemon.runtimeDir().toString(), "ZC_BASE", "http://127.0.0.1:" + port + "/mcp",
                    "ZC_CONFIG", config.toString(), "ZC_MOVED_CONFIG", moved.toString(), "ZC_MARKER_CONFIG", marker.toString()));
            JsonNode summary = NodeScript.run("gateway/bundles-client.mjs", env, dir, daemon);

            JsonNode before = summary.path("before");
            assertThat(names(before.path("all"))).containsExactly("alpha__read", "alpha__write", "beta__search", "gamma__ping_me");
            assertThat(names(before.path("dev"))).containsExactly("alpha__read", "beta__search");
            assertThat(names(before.path("ops"))).containsExactly("gamma__ping_me");
            assertThat(names(before.path("cross"))).as("dev's token on ops' path sees dev").containsExactly("alpha__read", "beta__search");
            assertThat(names(before.path("qa"))).containsExactly("gamma__ping_me");
            assertThat(names(before.path("old"))).containsExactly("alpha__read", "alpha__write");
            assertThat(summary.path("devCallsInside").asText()).isEqualTo("called read {\"n\":1}");
            assertThat(summary.path("devCallsOutside").asText()).contains("tool 'alpha__write' is not in bundle 'dev'")
                    .contains("no pattern of its tools [alpha__read, beta__*] matches 'alpha__write'");
            assertThat(summary.path("devCallsOtherServer").asText()).contains("is not in bundle 'dev'")
                    .contains("server 'gamma' is not in its servers [alpha, beta]");
            assertThat(summary.path("unknownBundle").path("status").asInt()).isEqualTo(404);
            assertThat(summary.path("unknownBundle").path("body").path("error").path("message").asText())
                    .startsWith("no bundle 'nope' is configured").contains("/mcp/<alias> for: dev, ops, old, qa");
            assertThat(summary.path("bundleTokenOnMetrics").asInt()).as("a bundle's token opens nothing but its view").isEqualTo(401);
            JsonNode bundlesBefore = summary.path("statusBefore").path("bundles");
            assertThat(bundle(bundlesBefore, "dev").path("servers").toString()).isEqualTo("[\"alpha\",\"beta\"]");
            assertThat(bundle(bundlesBefore, "dev").path("sessions").asInt()).isEqualTo(2);
            assertThat(bundle(bundlesBefore, "ops").path("sessions").asInt()).isEqualTo(1);
            assertThat(summary.path("statusBefore").toString()).doesNotContain(GATEWAY_TOKEN, DEV_TOKEN, OPS_TOKEN);

            JsonNode reload = summary.path("reload");
            assertThat(reload.path("ok").asBoolean()).isTrue();
            assertThat(reload.path("restarted")).isEmpty();
            assertThat(reload.path("added")).isEmpty();
            assertThat(reload.path("bundles").path("removed").toString()).isEqualTo("[\"old\"]");
            assertThat(reload.path("bundles").path("changed").toString())
                    .isEqualTo("[{\"alias\":\"dev\",\"fields\":[\"servers\"]},{\"alias\":\"ops\",\"fields\":[\"servers\"]}]");
            JsonNode after = summary.path("after");
            assertThat(names(after.path("all"))).containsExactly("alpha__read", "alpha__write", "beta__search", "gamma__ping_me");
            assertThat(names(after.path("dev"))).containsExactly("alpha__read");
            assertThat(names(after.path("ops"))).containsExactly("beta__search", "gamma__ping_me");
            assertThat(names(after.path("cross"))).containsExactly("alpha__read");
            assertThat(names(after.path("qa"))).containsExactly("gamma__ping_me");
            assertThat(summary.path("oldAfter").asText()).contains("bundle 'old' was removed by a reload");
            assertThat(summary.path("opsCallsMoved").asText()).isEqualTo("called search {\"n\":2}");

            assertThat(summary.path("markerReload").path("bundles").path("changed").toString())
                    .isEqualTo("[{\"alias\":\"qa\",\"fields\":[\"tools\"]}]");
            JsonNode changes = summary.path("changes");
            assertThat(changes.path("qa").asInt()).as("qa heard the marker only, not the move").isEqualTo(1);
            assertThat(changes.path("all").asInt()).as("/mcp's view did not change").isZero();
            assertThat(changes.path("dev").asInt()).isEqualTo(1);
            assertThat(changes.path("ops").asInt()).isEqualTo(1);

            JsonNode ended = daemon.status();
            for (String name : List.of("alpha", "beta", "gamma")) {
                assertThat(daemon.server(ended, name).path("pid").asLong()).as(name + "'s pid")
                        .isEqualTo(daemon.server(started, name).path("pid").asLong());
            }
            assertThat(ended.path("bundles").findValuesAsText("alias")).containsExactly("dev", "ops", "qa");
        }
    }

    private static JsonNode bundle(JsonNode bundles, String alias) {
        for (JsonNode bundle : bundles) {
            if (bundle.path("alias").asText().equals(alias)) {
                return bundle;
            }
        }
        throw new AssertionError("no bundle '" + alias + "' in " + bundles);
    }

    private static List<String> names(JsonNode array) {
        List<String> names = new ArrayList<>();
        array.forEach(name -> names.add(name.asText()));
        return names;
    }
}
