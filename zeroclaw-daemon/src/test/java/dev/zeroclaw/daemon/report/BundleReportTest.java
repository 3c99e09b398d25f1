package dev.zeroclaw.daemon.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zeroclaw.diff.BundleChanges;
import dev.zeroclaw.diff.ReloadPlan;
import dev.zeroclaw.diff.ServerChange;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A plan's bundle changes in the report document (reload --json, diff --json) and at a terminal. */
class BundleReportTest {

    private static final ReloadPlan PLAN = new ReloadPlan(List.of(), List.of(), List.of(), List.of(), List.of("fs", "github"),
            new BundleChanges(List.of("qa"), List.of("old"), List.of(new ServerChange("dev", List.of("servers", "tools")))));

    @Test
    void theDocumentNamesBundleChangesBesideTheUnchangedServerKeys() throws Exception {
        Map<String, Object> document = PlanDocument.ofPlan("dry-run", "9f2c", PLAN);

        assertThat(document.keySet()).containsExactly("ok", "trigger", "config_sha256", "added", "removed", "restarted", "updated",
                "unchanged", "bundles", "failed", "errors");
        assertThat(new ObjectMapper().writeValueAsString(document.get("bundles"))).isEqualTo(
                "{\"added\":[\"qa\"],\"removed\":[\"old\"],\"changed\":[{\"alias\":\"dev\",\"fields\":[\"servers\",\"tools\"]}]}");
    }

    @Test
    void aTerminalShowsThemAsLiveAndABundleOnlyChangeIsNoNoOp() throws Exception {
        String json = new ObjectMapper().writeValueAsString(PlanDocument.ofPlan("dry-run", "9f2c", PLAN));

        assertThat(ReloadText.render(JsonTree.parse(json), true)).isEqualTo("""
                dry run (nothing applied), config sha256 9f2c
                0 added, 0 removed, 0 restarted, 0 updated, 2 unchanged
                  + bundle qa
                  - bundle old
                  * bundle dev (live: servers, tools)
                """);
    }
}
