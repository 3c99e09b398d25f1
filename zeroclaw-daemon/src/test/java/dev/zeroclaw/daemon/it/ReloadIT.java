package dev.zeroclaw.daemon.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A reload touches exactly what changed, against the real daemon process. */
class ReloadIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private String servers(String changedEnv, boolean withRemoved, boolean withAdded) {
        StringBuilder toml = new StringBuilder();
        toml.append("[[mcp.servers]]\nname = \"keep-a\"\n").append(Zeroclaw.fixtureServer("none", 2));
        toml.append("[[mcp.servers]]\nname = \"keep-b\"\n").append(Zeroclaw.fixtureServer("none", 2));
        toml.append("[[mcp.servers]]\nname = \"changed\"\n").append(Zeroclaw.fixtureServer("none", 2))
                .append("env = { API_KEY = \"").append(changedEnv).append("\" }\n");
        if (withRemoved) {
            toml.append("[[mcp.servers]]\nname = \"removed\"\n").append(Zeroclaw.fixtureServer("fork-grandchild", 2));
        }
        if (withAdded) {
            toml.append("[[mcp.servers]]\nname = \"added\"\n").append(Zeroclaw.fixtureServer("none", 3));
        }
        return toml.toString();
    }

    @Test
    void zeroclawReloadTouchesOnlyWhatChanged() throws Exception {
        Path config = Files.writeString(dir.resolve("config.toml"), servers("secret-one", true, false));
        try (RunningDaemon daemon = RunningDaemon.start(config, dir, Map.of())) {
            Map<String, Long> before = daemon.awaitReady("keep-a", "keep-b", "changed", "removed");
            List<Long> removedGroup = ProcessTable.group(before.get("removed"));
            Files.writeString(config, servers("secret-two", false, true));

            Zeroclaw.CliRun reload = Zeroclaw.cli(Duration.ofSeconds(60), "reload", "--json", "--runtime-dir",
                    daemon.runtimeDir().toString());

            assertThat(reload.exitCode()).as(reload.err()).isZero();
            JsonNode report = JSON.readTree(reload.out());
            assertReport(report, "control");
            assertOnlyWhatChangedWasTouched(daemon, before, removedGroup);
            assertThat(reload.out() + reload.err() + daemon.log()).doesNotContain("secret-one").doesNotContain("secret-two");
        }
    }

    @Test
    void sighupTouchesOnlyWhatChanged() throws Exception {
        Path config = Files.writeString(dir.resolve("config.toml"), servers("secret-one", true, false));
        try (RunningDaemon daemon = RunningDaemon.start(config, dir, Map.of())) {
            Map<String, Long> before = daemon.awaitReady("keep-a", "keep-b", "changed", "removed");
            List<Long> removedGroup = ProcessTable.group(before.get("removed"));
            Files.writeString(config, servers("secret-two", false, true));

            daemon.signal("HUP");

            daemon.awaitStatus("the reload's outcome", status -> daemon.server(status, "removed").isMissingNode()
                    && daemon.server(status, "added").path("state").asText().equals("READY")
                    && daemon.server(status, "changed").path("pid").asLong() != before.get("changed"));
            assertOnlyWhatChangedWasTouched(daemon, before, removedGroup);
            daemon.awaitLog("reload id=1 trigger=sighup added=1 removed=1 restarted=1 updated=0 unchanged=2 failed=0");
        }
    }

    private static void assertReport(JsonNode report, String trigger) {
        assertThat(report.path("ok").asBoolean()).isTrue();
        assertThat(report.path("trigger").asText()).isEqualTo(trigger);
        assertThat(report.path("config_sha256").asText()).matches("[0-9a-f]{64}");
        assertThat(report.path("duration_ms").isNumber()).isTrue();
        assertThat(names(report.path("added"))).containsExactly("added");
        assertThat(names(report.path("removed"))).containsExactly("removed");
        assertThat(report.path("restarted")).hasSize(1);
        assertThat(report.path("restarted").get(0).path("name").asText()).isEqualTo("changed");
        assertThat(names(report.path("restarted").get(0).path("fields"))).containsExactly("env.API_KEY");
        assertThat(report.path("updated")).isEmpty();
        assertThat(names(report.path("unchanged"))).containsExactly("keep-a", "keep-b");
        assertThat(report.path("failed")).isEmpty();
    }

    private static void assertOnlyWhatChangedWasTouched(RunningDaemon daemon, Map<String, Long> before, List<Long> removedGroup)
            throws Exception {
        JsonNode status = daemon.awaitStatus("changed and added READY", s ->
                daemon.server(s, "changed").path("state").asText().equals("READY")
                        && daemon.server(s, "added").path("state").asText().equals("READY"));
        assertThat(daemon.server(status, "keep-a").path("pid").asLong()).isEqualTo(before.get("keep-a"));
        assertThat(daemon.server(status, "keep-b").path("pid").asLong()).isEqualTo(before.get("keep-b"));
        assertThat(daemon.server(status, "changed").path("pid").asLong()).isNotEqualTo(before.get("changed"));
        assertThat(daemon.server(status, "removed").isMissingNode()).isTrue();
        assertThat(removedGroup).hasSizeGreaterThanOrEqualTo(2);
        daemon.awaitStatus("the removed server's group to be gone", s -> removedGroup.stream().noneMatch(ProcessTable::alive));
        daemon.awaitStatus("the old 'changed' instance to be gone", s -> !ProcessTable.alive(before.get("changed")));
    }

    @Test
    void aBrokenConfigTouchesNothingAndAFixedOneReloads() throws Exception {
        String good = servers("k", false, false);
        Path config = Files.writeString(dir.resolve("config.toml"), good);
        try (RunningDaemon daemon = RunningDaemon.start(config, dir, Map.of())) {
            Map<String, Long> before = daemon.awaitReady("keep-a", "keep-b", "changed");

            Files.writeString(config, good + "[[mcp.servers]]\nname = \"broken\n");
            Zeroclaw.CliRun syntax = Zeroclaw.cli(Duration.ofSeconds(60), "reload", "--runtime-dir", daemon.runtimeDir().toString());
            Files.writeString(config, good.replace("name = \"keep-b\"", "name = \"keep-b\"\ncomand = \"x\""));
            Zeroclaw.CliRun semantic = Zeroclaw.cli(Duration.ofSeconds(60), "reload", "--runtime-dir", daemon.runtimeDir().toString());

            assertThat(syntax.exitCode()).isEqualTo(1);
            assertThat(syntax.err()).containsPattern(Pattern.quote(config.toString()) + ":\\d+:\\d+: ")
                    .contains("nothing was touched");
            assertThat(semantic.exitCode()).isEqualTo(1);
            assertThat(semantic.err()).containsPattern(Pattern.quote(config.toString()) + ":\\d+:1: unknown key 'comand'");
            assertThat(daemon.awaitReady("keep-a", "keep-b", "changed")).isEqualTo(before);

            Files.writeString(config, servers("k2", false, false));
            Zeroclaw.CliRun fixed = Zeroclaw.cli(Duration.ofSeconds(60), "reload", "--runtime-dir", daemon.runtimeDir().toString());

            assertThat(fixed.exitCode()).as(fixed.err()).isZero();
            assertThat(fixed.out()).contains("~ changed (restart: env.API_KEY)");
        }
    }

    @Test
    void longRunsOfCommentAndBlankLinesReloadPromptlyWithTheirPositions() throws Exception {
        // 20,000 comment lines then 20,000 blank lines: tomlj alone took hours over them, and every
        // reload after this one waited behind it.
        String good = servers("k", false, false) + "# old server\n".repeat(20_000) + "\n".repeat(20_000);
        Path config = Files.writeString(dir.resolve("config.toml"), servers("k", false, false));
        try (RunningDaemon daemon = RunningDaemon.start(config, dir, Map.of())) {
            Map<String, Long> before = daemon.awaitReady("keep-a", "keep-b", "changed");
            long typoLine = good.chars().filter(c -> c == '\n').count() + 3;

            Files.writeString(config, good + "[[mcp.servers]]\nname = \"added\"\ncomand = \"x\"\n"
                    + Zeroclaw.fixtureServer("none", 3));
            Zeroclaw.CliRun typo = Zeroclaw.cli(Duration.ofSeconds(60), "reload", "--runtime-dir", daemon.runtimeDir().toString());
            Files.writeString(config, good + "[[mcp.servers]]\nname = \"added\"\n" + Zeroclaw.fixtureServer("none", 3));
            Zeroclaw.CliRun fixed = Zeroclaw.cli(Duration.ofSeconds(60), "reload", "--runtime-dir", daemon.runtimeDir().toString());

            assertThat(typo.exitCode()).as(typo.err()).isEqualTo(1);
            assertThat(typo.err()).contains(config + ":" + typoLine + ":1: unknown key 'comand'");
            assertThat(fixed.exitCode()).as(fixed.err()).isZero();
            assertThat(fixed.out()).contains("+ added");
            Map<String, Long> after = daemon.awaitReady("keep-a", "keep-b", "changed", "added");
            assertThat(after).containsAllEntriesOf(before);
        }
    }

    @Test
    void aChangedServerWhoseNewCommandCannotStartKeepsItsOldInstance() throws Exception {
        String good = servers("k", false, false);
        Path config = Files.writeString(dir.resolve("config.toml"), good);
        try (RunningDaemon daemon = RunningDaemon.start(config, dir, Map.of())) {
            Map<String, Long> before = daemon.awaitReady("keep-a", "keep-b", "changed");
            Files.writeString(config, good.replaceFirst("(name = \"changed\"\n)command = \"node\"",
                    "$1command = \"/nonexistent/mcp-server\""));

            Zeroclaw.CliRun reload = Zeroclaw.cli(Duration.ofSeconds(60), "reload", "--runtime-dir", daemon.runtimeDir().toString());

            assertThat(reload.exitCode()).as(reload.out() + reload.err()).isEqualTo(2);
            assertThat(reload.out()).contains("! changed failed:").contains("/nonexistent/mcp-server");
            JsonNode changed = daemon.server(daemon.status(), "changed");
            assertThat(changed.path("state").asText()).isEqualTo("READY");
            assertThat(changed.path("pid").asLong()).isEqualTo(before.get("changed"));
        }
    }

    @Test
    void aCwdThatDoesNotExistIsRefusedAsConfigCheckRefusesItAndTouchesNothing() throws Exception {
        String good = servers("k", false, false);
        Path config = Files.writeString(dir.resolve("config.toml"), good);
        try (RunningDaemon daemon = RunningDaemon.start(config, dir, Map.of())) {
            Map<String, Long> before = daemon.awaitReady("keep-a", "keep-b", "changed");
            String bad = good.replaceFirst("(name = \"changed\"\n)", "$1cwd = \"/nonexistent/workdir\"\n");
            Files.writeString(config, bad);

            Zeroclaw.CliRun check = Zeroclaw.cli(Duration.ofSeconds(60), "config", "check", "--config", config.toString());
            Zeroclaw.CliRun reload = Zeroclaw.cli(Duration.ofSeconds(60), "reload", "--runtime-dir", daemon.runtimeDir().toString());

            // At the value's line and column, as config check places every problem.
            long line = bad.substring(0, bad.indexOf("cwd = \"/nonexistent")).chars().filter(c -> c == '\n').count() + 1;
            String why = config + ":" + line + ":7: cwd '/nonexistent/workdir' does not exist";
            assertThat(check.exitCode()).isEqualTo(1);
            assertThat(check.out() + check.err()).contains(why);
            assertThat(reload.exitCode()).as(reload.out() + reload.err()).isEqualTo(1);
            assertThat(reload.err()).contains(why).contains("nothing was touched");
            assertThat(daemon.awaitReady("keep-a", "keep-b", "changed")).isEqualTo(before);
        }
    }

    @Test
    void aFloodOfSighupsNeverOverlapsAndEndsOnTheFilesState() throws Exception {
        Path config = Files.writeString(dir.resolve("config.toml"), servers("k", false, false));
        try (RunningDaemon daemon = RunningDaemon.start(config, dir, Map.of())) {
            daemon.awaitReady("keep-a", "keep-b", "changed");
            Files.writeString(config, servers("k", false, true));

            Process flood = new ProcessBuilder("bash", "-c",
                    "for i in $(seq 200); do kill -HUP " + daemon.pid() + "; done").start();
            assertThat(flood.waitFor()).isZero();

            daemon.awaitReady("keep-a", "keep-b", "changed", "added");
            daemon.awaitStatus("the last reload to end", s -> {
                String log = daemon.log();
                return log.lastIndexOf(" begins") < log.lastIndexOf(" added=");
            });
            assertThat(daemon.status().path("servers")).hasSize(4);
            List<String> events = new ArrayList<>();
            Matcher reloadLines = Pattern.compile("reload id=(\\d+) trigger=\\S+ (begins|added=)").matcher(daemon.log());
            while (reloadLines.find()) {
                events.add(reloadLines.group(1) + (reloadLines.group(2).equals("begins") ? " begins" : " ends"));
            }
            for (int i = 0; i < events.size(); i++) {
                int id = i / 2 + 1;
                assertThat(events.get(i)).as("reloads run one at a time: %s", events)
                        .isEqualTo(id + (i % 2 == 0 ? " begins" : " ends"));
            }
            assertThat(events.size() % 2).as("every reload that began ended: %s", events).isZero();
            assertThat(events.size() / 2).as("200 signals give at least one and at most 200 reloads").isBetween(1, 200);
            assertThat(daemon.log()).containsOnlyOnce("added=1");
            assertThat(daemon.stop().exitCode()).isZero();
        }
    }

    @Test
    void aDryRunPrintsThePlanAndAppliesNothing() throws Exception {
        Path config = Files.writeString(dir.resolve("config.toml"), servers("secret-one", true, false));
        try (RunningDaemon daemon = RunningDaemon.start(config, dir, Map.of())) {
            Map<String, Long> before = daemon.awaitReady("keep-a", "keep-b", "changed", "removed");
            Files.writeString(config, servers("secret-two", false, true));

            Zeroclaw.CliRun dryRun = Zeroclaw.cli(Duration.ofSeconds(60), "reload", "--dry-run", "--json",
                    "--runtime-dir", daemon.runtimeDir().toString());

            assertThat(dryRun.exitCode()).as(dryRun.err()).isZero();
            JsonNode plan = JSON.readTree(dryRun.out());
            assertThat(names(plan.path("added"))).containsExactly("added");
            assertThat(names(plan.path("removed"))).containsExactly("removed");
            assertThat(plan.path("restarted").get(0).path("name").asText()).isEqualTo("changed");
            assertThat(plan.has("duration_ms")).isFalse();
            assertThat(daemon.awaitReady("keep-a", "keep-b", "changed", "removed")).isEqualTo(before);
            assertThat(daemon.log()).doesNotContain("reload id=");
        }
    }

    @Test
    void stopFirstStopsTheOldInstanceBeforeStartingTheNewOne() throws Exception {
        String first = "[[mcp.servers]]\nname = \"exclusive\"\nrestart_strategy = \"stop-first\"\n"
                + Zeroclaw.fixtureServer("none", 1) + "env = { V = \"1\" }\n";
        Path config = Files.writeString(dir.resolve("config.toml"), first);
        try (RunningDaemon daemon = RunningDaemon.start(config, dir, Map.of())) {
            long old = daemon.awaitReady("exclusive").get("exclusive");
            Files.writeString(config, first.replace("V = \"1\"", "V = \"2\""));

            Zeroclaw.CliRun reload = Zeroclaw.cli(Duration.ofSeconds(60), "reload", "--runtime-dir", daemon.runtimeDir().toString());

            assertThat(reload.exitCode()).as(reload.err()).isZero();
            assertThat(daemon.awaitReady("exclusive").get("exclusive")).isNotEqualTo(old);
            assertThat(ProcessTable.alive(old)).isFalse();
            // The new instance is launched only once the old one's stop sequence has returned.
            assertThat(daemon.log()).contains("server=exclusive state=STOPPING was=READY")
                    .contains("server=exclusive state=STARTING was=STOPPING")
                    .doesNotContain("starting a new instance beside the serving one");
        }
    }

    @Test
    void sigtermDuringAReloadStopsEverythingAndExitsZero() throws Exception {
        Path config = Files.writeString(dir.resolve("config.toml"), servers("k", false, false));
        try (RunningDaemon daemon = RunningDaemon.start(config, dir, Map.of())) {
            daemon.awaitReady("keep-a", "keep-b", "changed");
            // The added server never becomes READY, so the reload is still running when SIGTERM comes.
            Files.writeString(config, servers("k", false, false)
                    + "[[mcp.servers]]\nname = \"slow\"\nstartup_timeout_secs = 60\n" + Zeroclaw.fixtureServer("no-initialize", 1));
            daemon.signal("HUP");
            daemon.awaitState("slow", "STARTING");

            RunningDaemon.Stopped stopped = daemon.stop();

            assertThat(stopped.exitCode()).isZero();
            assertThat(stopped.took()).isLessThan(Duration.ofSeconds(7));
            assertThat(daemon.log()).contains("daemon stopping on SIGTERM");
            for (long pid : daemon.seenPids()) {
                assertThat(ProcessTable.group(pid)).as("processes left in group %d", pid).isEmpty();
            }
        }
    }

    private static List<String> names(JsonNode array) {
        List<String> names = new ArrayList<>();
        array.forEach(node -> names.add(node.asText()));
        return names;
    }
}
