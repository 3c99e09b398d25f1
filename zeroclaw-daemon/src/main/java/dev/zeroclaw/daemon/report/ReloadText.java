package dev.zeroclaw.daemon.report;

import dev.zeroclaw.api.ConfigError;
import dev.zeroclaw.diff.BundleChanges;
import dev.zeroclaw.diff.ReloadPlan;
import dev.zeroclaw.diff.ServerChange;
import java.util.ArrayList;
import java.util.List;

/** A reload report document as a few lines for a terminal. */
public final class ReloadText {

    private ReloadText() {}

    public static String render(JsonTree report, boolean dryRun) {
        StringBuilder out = new StringBuilder();
        if (!report.path("ok").asBoolean()) {
            for (JsonTree error : report.path("errors")) {
                out.append(new ConfigError(error.path("file").asText(), error.path("line").asInt(),
                        error.path("column").asInt(), error.path("message").asText())).append('\n');
            }
            out.append(dryRun ? "dry run: the config is invalid\n"
                    : "reload refused: the config is invalid; nothing was touched, the previous configuration keeps running\n");
            return out.toString();
        }
        String sha = report.path("config_sha256").asText("");
        if (dryRun) {
            out.append("dry run (nothing applied), config sha256 ").append(abbreviate(sha)).append('\n');
        } else {
            out.append("reload ").append(report.path("id").asLong()).append(" (").append(report.path("trigger").asText())
                    .append(") in ").append(report.path("duration_ms").asDouble()).append(" ms, config sha256 ")
                    .append(abbreviate(sha)).append('\n');
        }
        for (JsonTree warning : report.path("warnings")) {
            out.append(WarningList.line(new ConfigError(warning.path("file").asText(), warning.path("line").asInt(),
                    warning.path("column").asInt(), warning.path("message").asText())));
        }
        out.append(PlanSummary.render(plan(report)));
        for (JsonTree failure : report.path("failed")) {
            out.append("  ! ").append(failure.path("name").asText()).append(" failed: ")
                    .append(failure.path("error").asText()).append('\n');
        }
        return out.toString();
    }

    /** The report's outcome lists, back as the plan they describe. */
    private static ReloadPlan plan(JsonTree report) {
        return new ReloadPlan(names(report.path("added")), names(report.path("removed")),
                changes(report.path("restarted")), changes(report.path("updated")), names(report.path("unchanged")),
                new BundleChanges(names(report.path("bundles").path("added")), names(report.path("bundles").path("removed")),
                        changes(report.path("bundles").path("changed"), "alias")));
    }

    private static List<ServerChange> changes(JsonTree changes) {
        return changes(changes, "name");
    }

    /** @param key what names the changed thing: {@code name} (a server), {@code alias} (a bundle) */
    private static List<ServerChange> changes(JsonTree changes, String key) {
        List<ServerChange> out = new ArrayList<>();
        for (JsonTree change : changes) {
            out.add(new ServerChange(change.path(key).asText(), names(change.path("fields"))));
        }
        return out;
    }

    private static List<String> names(JsonTree array) {
        List<String> out = new ArrayList<>();
        for (JsonTree name : array) {
            out.add(name.asText());
        }
        return out;
    }

    private static String abbreviate(String sha256) {
        return sha256.length() > 12 ? sha256.substring(0, 12) : sha256;
    }
}
