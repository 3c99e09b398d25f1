package dev.zeroclaw.daemon.reload;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zeroclaw.api.DaemonSettings;
import dev.zeroclaw.api.McpConfig;
import dev.zeroclaw.api.ServerSpec;
import dev.zeroclaw.diff.ReloadPlan;
import dev.zeroclaw.diff.ServerChange;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Servers whose provider changed restart; servers of other transports stay as the file's plan has them. */
class ProviderChangesTest {

    private static final McpConfig CONFIG = new McpConfig(DaemonSettings.defaults(), List.of(
            ServerSpec.builder("local").command("node").build(),
            ServerSpec.builder("sock").transport("socket").url("tcp://127.0.0.1:9000").build(),
            ServerSpec.builder("tuned").transport("socket").url("tcp://127.0.0.1:9001").build(),
            ServerSpec.builder("new").transport("socket").url("tcp://127.0.0.1:9002").build()));

    private static final ReloadPlan PLAN = new ReloadPlan(List.of("new"), List.of("gone"), List.of(),
            List.of(new ServerChange("tuned", List.of("tool_timeout_secs"))), List.of("local", "sock"));

    @Test
    void theServersOfAChangedTransportRestartAndKeepTheirOtherChanges() {
        ReloadPlan plan = ProviderChanges.restartUsers(PLAN, CONFIG, Set.of("socket"));

        assertThat(plan.restart()).containsExactly(
                new ServerChange("tuned", List.of("tool_timeout_secs", "transport.provider")),
                new ServerChange("sock", List.of("transport.provider")));
        assertThat(plan.update()).isEmpty();
        assertThat(plan.unchanged()).containsExactly("local");
        assertThat(plan.added()).containsExactly("new");
        assertThat(plan.removed()).containsExactly("gone");
    }

    @Test
    void withoutAChangedTransportThePlanIsTheFilesOwn() {
        assertThat(ProviderChanges.restartUsers(PLAN, CONFIG, Set.of())).isSameAs(PLAN);
        assertThat(ProviderChanges.restartUsers(PLAN, CONFIG, Set.of("websocket"))).isEqualTo(PLAN);
    }
}
