package dev.zeroclaw.daemon.report;

import dev.zeroclaw.api.ConfigError;
import dev.zeroclaw.diff.BundleChanges;
import dev.zeroclaw.diff.ReloadPlan;
import dev.zeroclaw.diff.ServerChange;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The report document of DESIGN.md ({@code ok}, {@code trigger}, {@code config_sha256}, the
 * outcome lists, {@code failed}, {@code errors}, and {@code warnings}: what the file holds that is
 * ignored) as an ordered map for JSON. Scripts read it: keep
 * the keys stable. Names and field names only; never a value from the config.
 */
public final class PlanDocument {

    private PlanDocument() {}

    /** The plan of a valid configuration, nothing applied (diff, dry run). */
    public static Map<String, Object> ofPlan(String trigger, String configSha256, ReloadPlan plan) {
        Map<String, Object> document = head(true, trigger, configSha256);
        document.put("added", plan.added());
        document.put("removed", plan.removed());
        document.put("restarted", changes(plan.restart()));
        document.put("updated", changes(plan.update()));
        document.put("unchanged", plan.unchanged());
        document.put("bundles", bundles(plan.bundles()));
        document.put("failed", List.of());
        document.put("errors", List.of());
        return document;
    }

    /** What a reload did, the shape of {@link #ofPlan} plus its id, duration and failures. */
    public static Map<String, Object> ofReload(dev.zeroclaw.daemon.reload.ReloadReport report) {
        Map<String, Object> document = report.ok()
                ? ofPlan(report.trigger(), report.configSha256(), report.plan())
                : ofErrors(report.trigger(), report.errors());
        document.put("config_sha256", report.configSha256());
        Map<String, Object> shaped = new LinkedHashMap<>();
        shaped.put("id", report.id());
        document.forEach((key, value) -> {
            shaped.put(key, value);
            if (key.equals("config_sha256")) {
                shaped.put("duration_ms", Math.round(report.durationMs() * 10) / 10.0);
            }
        });
        shaped.put("failed", report.failed().entrySet().stream().sorted(Map.Entry.comparingByKey()).map(entry -> {
            Map<String, Object> failure = new LinkedHashMap<>();
            failure.put("name", entry.getKey());
            failure.put("error", entry.getValue());
            return failure;
        }).toList());
        shaped.put("warnings", errors(report.warnings()));
        return shaped;
    }

    /** A configuration that could not be used: nothing planned, every error listed. */
    public static Map<String, Object> ofErrors(String trigger, List<ConfigError> errors) {
        Map<String, Object> document = head(false, trigger, null);
        for (String outcome : List.of("added", "removed", "restarted", "updated", "unchanged")) {
            document.put(outcome, List.of());
        }
        document.put("bundles", bundles(BundleChanges.NONE));
        document.put("failed", List.of());
        document.put("errors", errors(errors));
        return document;
    }

    /** Config errors (or warnings) as {@code {"file", "line", "column", "message"}} objects. */
    public static List<Map<String, Object>> errors(List<ConfigError> errors) {
        return errors.stream().map(PlanDocument::error).toList();
    }

    private static Map<String, Object> head(boolean ok, String trigger, String configSha256) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("ok", ok);
        document.put("trigger", trigger);
        document.put("config_sha256", configSha256);
        return document;
    }

    /** {@code {"added": [...], "removed": [...], "changed": [{"alias", "fields"}]}}: applied live, never a restart. */
    private static Map<String, Object> bundles(BundleChanges bundles) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("added", bundles.added());
        document.put("removed", bundles.removed());
        document.put("changed", bundles.changed().stream().map(change -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("alias", change.name());
            entry.put("fields", change.fields());
            return entry;
        }).toList());
        return document;
    }

    private static List<Map<String, Object>> changes(List<ServerChange> changes) {
        return changes.stream().map(change -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", change.name());
            entry.put("fields", change.fields());
            return entry;
        }).toList();
    }

    private static Map<String, Object> error(ConfigError error) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("file", error.file());
        entry.put("line", error.line());
        entry.put("column", error.column());
        entry.put("message", error.message());
        return entry;
    }
}
