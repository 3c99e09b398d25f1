package dev.zeroclaw.diff;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zeroclaw.api.DaemonSettings;
import dev.zeroclaw.api.McpBundle;
import dev.zeroclaw.api.McpConfig;
import dev.zeroclaw.api.ServerSpec;
import dev.zeroclaw.api.ToolPattern;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A bundle change is named in the plan, and is never a server restart. */
class BundleChangesTest {

    private static final ServerSpec FS = ServerSpec.builder("fs").command("npx").build();
    private static final ServerSpec GITHUB = ServerSpec.builder("github").command("npx").build();

    private static McpBundle bundle(String alias, List<String> servers) {
        return new McpBundle(alias, servers, List.of(), List.of(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    private static ConfigFingerprint config(McpBundle... bundles) {
        return ConfigFingerprint.of(new McpConfig(DaemonSettings.defaults(), List.of(FS, GITHUB), List.of(bundles)));
    }

    @Test
    void aBundleOnlyChangeIsNoNoOpAndRestartsNothing() {
        ReloadPlan plan = ConfigDiff.between(config(bundle("dev", List.of("fs")), bundle("ops", List.of("github"))),
                config(bundle("dev", List.of("github")), bundle("qa", List.of("fs"))));

        assertThat(plan.isEmpty()).isFalse();
        assertThat(plan.restart()).isEmpty();
        assertThat(plan.update()).isEmpty();
        assertThat(plan.unchanged()).containsExactly("fs", "github");
        assertThat(plan.bundles()).isEqualTo(new BundleChanges(List.of("qa"), List.of("ops"),
                List.of(new ServerChange("dev", List.of("servers")))));
    }

    @Test
    void everyKeyIsNamedAndANewTokenValueToo() {
        McpBundle before = new McpBundle("dev", List.of("fs"), List.of(), List.of(), Optional.of("DEV_TOKEN"), Optional.empty(),
                Optional.of("one"));
        McpBundle after = new McpBundle("dev", List.of("fs"), List.of("github"), List.of(new ToolPattern("fs__read_*")),
                Optional.of("DEV_TOKEN"), Optional.of(true), Optional.of("two"));

        assertThat(BundleChanges.between(List.of(before), List.of(after)).changed()).containsExactly(
                new ServerChange("dev", List.of("exclude", "tools", "auth_token_env", "deferred_loading")));
        assertThat(BundleChanges.between(List.of(before), List.of(before)).isEmpty()).isTrue();
    }
}
