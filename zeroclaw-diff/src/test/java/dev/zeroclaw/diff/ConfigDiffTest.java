package dev.zeroclaw.diff;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zeroclaw.api.ConfigPosition;
import dev.zeroclaw.api.DaemonSettings;
import dev.zeroclaw.api.McpConfig;
import dev.zeroclaw.api.OAuthGrant;
import dev.zeroclaw.api.OAuthSettings;
import dev.zeroclaw.api.RestartStrategy;
import dev.zeroclaw.api.ServerSpec;
import dev.zeroclaw.api.ToolFilter;
import dev.zeroclaw.api.TransportOptions;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConfigDiffTest {

    private static final ServerSpec KEEP = ServerSpec.builder("keep").command("node").args(List.of("keep.js")).build();
    private static final ServerSpec FS = ServerSpec.builder("fs").command("npx").putEnv("API_KEY", "old-secret").build();
    private static final ServerSpec GONE = ServerSpec.builder("gone").command("gone").build();
    private static final ServerSpec REMOTE = ServerSpec.builder("remote")
            .transport("http")
            .url("https://mcp.example.com/mcp")
            .putHeader("Authorization", "Bearer old-token")
            .build();

    private static ReloadPlan plan(List<ServerSpec> before, List<ServerSpec> after) {
        return ConfigDiff.between(ConfigFingerprint.ofServers(before), ConfigFingerprint.ofServers(after));
    }

    @Test
    void identicalConfigurationsPlanNothing() {
        ReloadPlan plan = plan(List.of(KEEP, FS, REMOTE), List.of(KEEP, FS, REMOTE));

        assertThat(plan.isEmpty()).isTrue();
        assertThat(plan.unchanged()).containsExactly("keep", "fs", "remote");
    }

    @Test
    void eachServerLandsInExactlyOneOutcome() {
        ServerSpec fsChanged = FS.toBuilder().putEnv("API_KEY", "new-secret").build();
        ServerSpec added = ServerSpec.builder("new").command("new").build();

        ReloadPlan plan = plan(List.of(KEEP, FS, GONE), List.of(KEEP, fsChanged, added));

        assertThat(plan.added()).containsExactly("new");
        assertThat(plan.removed()).containsExactly("gone");
        assertThat(plan.restart()).containsExactly(new ServerChange("fs", List.of("env.API_KEY")));
        assertThat(plan.update()).isEmpty();
        assertThat(plan.unchanged()).containsExactly("keep");
    }

    @Test
    void anotherClientKeyRestartsTheServerAndTheKeyAppearsNowhere() {
        OAuthSettings keyed = new OAuthSettings(Optional.of("client-a"), Optional.empty(), OAuthGrant.CLIENT_CREDENTIALS,
                List.of(), Optional.empty(), Optional.of("old-private-key"), Optional.of("k1"));
        ServerSpec before = REMOTE.toBuilder().oauth(keyed).build();
        ServerSpec after = REMOTE.toBuilder().oauth(keyed.withClientKey(Optional.of("new-private-key"))).build();

        ReloadPlan plan = plan(List.of(before), List.of(after));

        assertThat(plan.restart()).containsExactly(new ServerChange("remote", List.of("oauth_client_key")));
        assertThat(plan.toString()).doesNotContain("old-private-key").doesNotContain("new-private-key");
    }

    @Test
    void oauthSettingsRestartByKeyAndTheSecretAppearsNowhere() {
        ServerSpec before = REMOTE.toBuilder().oauth(new OAuthSettings(Optional.of("client-a"), Optional.of("old-client-secret"),
                OAuthGrant.CLIENT_CREDENTIALS, List.of("mcp:read"))).build();
        ServerSpec after = REMOTE.toBuilder().oauth(new OAuthSettings(Optional.of("client-b"), Optional.of("new-client-secret"),
                OAuthGrant.CLIENT_CREDENTIALS, List.of("mcp:read", "mcp:write"))).build();

        ReloadPlan plan = plan(List.of(before), List.of(after));

        assertThat(plan.restart()).containsExactly(new ServerChange("remote",
                List.of("oauth_client_id", "oauth_client_secret", "oauth_scopes")));
        assertThat(plan.toString()).doesNotContain("old-client-secret").doesNotContain("new-client-secret");
        assertThat(plan(List.of(REMOTE), List.of(REMOTE.toBuilder().oauth(new OAuthSettings(Optional.empty(), Optional.empty(),
                OAuthGrant.AUTHORIZATION_CODE, List.of("mcp:read"))).build())).restart())
                .containsExactly(new ServerChange("remote", List.of("oauth_scopes")));
    }

    @Test
    void anotherClientMetadataUrlRestartsByKey() {
        OAuthSettings cimd = OAuthSettings.NONE.withClientMetadataUrl(Optional.of("https://zeroclaw.example/client.json"));
        ServerSpec before = REMOTE.toBuilder().oauth(cimd).build();
        ServerSpec after = REMOTE.toBuilder().oauth(cimd.withClientMetadataUrl(Optional.of("https://zeroclaw.example/other.json"))).build();

        assertThat(plan(List.of(before), List.of(after)).restart())
                .containsExactly(new ServerChange("remote", List.of("oauth_client_metadata_url")));
    }

    @Test
    void aChangedHeaderRestartsByNameAndTheValueAppearsNowhere() {
        ServerSpec rotated = REMOTE.toBuilder().putHeader("Authorization", "Bearer new-token").build();

        ReloadPlan plan = plan(List.of(REMOTE), List.of(rotated));

        assertThat(plan.restart()).containsExactly(new ServerChange("remote", List.of("headers.Authorization")));
        assertThat(plan.toString()).doesNotContain("old-token").doesNotContain("new-token");
    }

    @Test
    void addedAndRemovedMapKeysAreNamed() {
        ServerSpec changed = FS.toBuilder().env(java.util.Map.of("DEBUG", "1")).build();

        ReloadPlan plan = plan(List.of(FS), List.of(changed));

        assertThat(plan.restart()).containsExactly(new ServerChange("fs", List.of("env.API_KEY", "env.DEBUG")));
    }

    @Test
    void aChangedOptionRestartsThatServerOnlyNamingTheOptionButNotItsValue() {
        ServerSpec socket = ServerSpec.builder("ws").transport("websocket").url("wss://mcp.example.com/ws")
                .options(TransportOptions.builder().put("subprotocol", "mcp-v1-secretish").put("ping_ms", 500L).build())
                .build();
        ServerSpec changed = socket.toBuilder()
                .options(TransportOptions.builder().put("subprotocol", "mcp-v2-secretish").put("ping_ms", 500L).build())
                .build();

        ReloadPlan plan = plan(List.of(KEEP, socket), List.of(KEEP, changed));

        assertThat(plan.restart()).containsExactly(new ServerChange("ws", List.of("options.subprotocol")));
        assertThat(plan.unchanged()).containsExactly("keep");
        assertThat(plan.toString()).doesNotContain("secretish");
    }

    @Test
    void anOptionWrittenElsewhereInTheFileIsNoChange() {
        ServerSpec here = ServerSpec.builder("ws").transport("websocket")
                .options(TransportOptions.builder().put("subprotocol", "mcp", new ConfigPosition(4, 15)).build()).build();
        ServerSpec there = ServerSpec.builder("ws").transport("websocket")
                .options(TransportOptions.builder().put("subprotocol", "mcp", new ConfigPosition(9, 1)).build()).build();

        assertThat(plan(List.of(here), List.of(there)).unchanged()).containsExactly("ws");
    }

    @Test
    void liveSettingsUpdateWithoutARestart() {
        ServerSpec tuned = KEEP.toBuilder().toolTimeoutSecs(30).restartStrategy(RestartStrategy.STOP_FIRST).build();

        ReloadPlan plan = plan(List.of(KEEP), List.of(tuned));

        assertThat(plan.restart()).isEmpty();
        assertThat(plan.update())
                .containsExactly(new ServerChange("keep", List.of("tool_timeout_secs", "restart_strategy")));
    }

    @Test
    void aToolPrefixIsALiveUpdate() {
        ReloadPlan plan = plan(List.of(KEEP), List.of(KEEP.toBuilder().toolPrefix("gh").build()));

        assertThat(plan.restart()).isEmpty();
        assertThat(plan.update()).containsExactly(new ServerChange("keep", List.of("tool_prefix")));
    }

    @Test
    void aRestartAlsoNamesTheLiveFieldsThatChangedWithIt() {
        ServerSpec both = KEEP.toBuilder().args(List.of("v2.js")).toolTimeoutSecs(60).build();

        ReloadPlan plan = plan(List.of(KEEP), List.of(both));

        assertThat(plan.restart()).containsExactly(new ServerChange("keep", List.of("args", "tool_timeout_secs")));
    }

    @Test
    void aTransportChangeRestarts() {
        ServerSpec remote = ServerSpec.builder("keep").transport("http").url("http://127.0.0.1:9/mcp").build();

        ReloadPlan plan = plan(List.of(KEEP), List.of(remote));

        assertThat(plan.restart()).singleElement().satisfies(change ->
                assertThat(change.fields()).contains("transport", "command", "args", "url"));
    }

    @Test
    void aRenameIsARemovalAndAnAddition() {
        ServerSpec renamed = KEEP.toBuilder().build();
        ServerSpec other = ServerSpec.builder("kept").command("node").args(List.of("keep.js")).build();

        ReloadPlan plan = plan(List.of(renamed), List.of(other));

        assertThat(plan.removed()).containsExactly("keep");
        assertThat(plan.added()).containsExactly("kept");
    }

    @Test
    void disablingAServerRemovesIt() {
        McpConfig before = new McpConfig(DaemonSettings.defaults(), List.of(KEEP, FS));
        McpConfig after = new McpConfig(DaemonSettings.defaults(), List.of(KEEP, FS.toBuilder().enabled(false).build()));

        ReloadPlan plan = ConfigDiff.between(ConfigFingerprint.of(before), ConfigFingerprint.of(after));

        assertThat(plan.removed()).containsExactly("fs");
        assertThat(plan.unchanged()).containsExactly("keep");
    }

    @Test
    void turningMcpOffRemovesEveryServer() {
        McpConfig before = new McpConfig(DaemonSettings.defaults(), List.of(KEEP, FS));
        DaemonSettings off = new DaemonSettings(false, false, false, 100, "127.0.0.1:8765", 30);

        ReloadPlan plan = ConfigDiff.between(
                ConfigFingerprint.of(before), ConfigFingerprint.of(new McpConfig(off, List.of(KEEP, FS))));

        assertThat(plan.removed()).containsExactly("keep", "fs");
    }

    @Test
    void toolFiltersAndTheResultCapAreUpdatedLiveNamingTheirKeys() {
        ServerSpec filtered = KEEP.toBuilder()
                .toolFilter(ToolFilter.of(List.of("read_*"), List.of("*_secret")))
                .maxResultBytes(4096)
                .build();

        ReloadPlan plan = plan(List.of(KEEP), List.of(filtered));

        assertThat(plan.restart()).isEmpty();
        assertThat(plan.update()).containsExactly(
                new ServerChange("keep", List.of("allowed_tools", "excluded_tools", "max_result_bytes")));
        assertThat(plan(List.of(filtered), List.of(filtered.toBuilder().build())).unchanged()).containsExactly("keep");
    }
}
