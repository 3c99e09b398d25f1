package dev.zeroclaw.daemon.reload;

import static java.util.Objects.requireNonNull;

import dev.zeroclaw.api.ConfigError;
import dev.zeroclaw.diff.ReloadPlan;
import dev.zeroclaw.diff.ServerChange;
import dev.zeroclaw.supervisor.FleetEvents;
import java.util.List;
import java.util.Map;

/**
 * What one reload did. The same report goes to the log, the caller of {@code zeroclaw reload} and
 * (later) the gateway. Names and field names only, never a config value.
 *
 * @param id the reload's number since the daemon started
 * @param trigger what asked for it: {@code sighup}, {@code control}, {@code file-watch}, several joined by {@code +}
 * @param configSha256 SHA-256 of the file read, null when it could not be read
 * @param durationMs from the start of the reload to its report
 * @param plan what was planned (empty for a no-op or an invalid file)
 * @param failed servers that did not reach the planned state, with why
 * @param errors the file's errors when it was invalid; then nothing was touched
 * @param warnings what the file holds that is ignored (an unknown key, a setting of another
 *     transport); it refused nothing
 */
public record ReloadReport(
        long id,
        String trigger,
        String configSha256,
        double durationMs,
        ReloadPlan plan,
        Map<String, String> failed,
        List<ConfigError> errors,
        List<ConfigError> warnings) {

    public ReloadReport {
        requireNonNull(trigger, "trigger is null");
        requireNonNull(plan, "plan is null");
        failed = Map.copyOf(failed);
        errors = List.copyOf(errors);
        warnings = List.copyOf(warnings);
    }

    /** The outcome as the fleet's listeners hear it. */
    public FleetEvents.ReloadResult result() {
        return !ok() ? FleetEvents.ReloadResult.INVALID
                : failed.isEmpty() ? FleetEvents.ReloadResult.APPLIED : FleetEvents.ReloadResult.PARTIAL;
    }

    static final ReloadPlan NOTHING = new ReloadPlan(List.of(), List.of(), List.of(), List.of(), List.of());

    /** The file was valid (it may still have had servers that failed). */
    public boolean ok() {
        return errors.isEmpty();
    }

    /** The one log line of a reload. */
    public String logLine() {
        StringBuilder line = new StringBuilder("reload id=").append(id).append(" trigger=").append(trigger);
        if (!ok()) {
            return line.append(" result=invalid errors=").append(errors.size())
                    .append(" first_error=\"").append(errors.get(0)).append("\" duration_ms=")
                    .append(String.format("%.1f", durationMs)).toString();
        }
        line.append(" added=").append(plan.added().size())
                .append(" removed=").append(plan.removed().size())
                .append(" restarted=").append(plan.restart().size())
                .append(" updated=").append(plan.update().size())
                .append(" unchanged=").append(plan.unchanged().size())
                .append(" failed=").append(failed.size())
                .append(" duration_ms=").append(String.format("%.1f", durationMs));
        if (!plan.restart().isEmpty()) {
            line.append(" restart=").append(describe(plan.restart()));
        }
        if (!plan.bundles().isEmpty()) {
            // Applied live; named so the log says which clients' views changed.
            line.append(" bundles_added=").append(String.join(",", plan.bundles().added()))
                    .append(" bundles_removed=").append(String.join(",", plan.bundles().removed()))
                    .append(" bundles_changed=").append(describe(plan.bundles().changed()));
        }
        failed.forEach((name, why) -> line.append(" failed.").append(name).append("=\"").append(why).append('"'));
        if (!warnings.isEmpty()) {
            line.append(" warnings=").append(warnings.size());
        }
        return line.toString();
    }

    private static String describe(List<ServerChange> changes) {
        StringBuilder out = new StringBuilder();
        for (ServerChange change : changes) {
            if (out.length() > 0) {
                out.append(',');
            }
            out.append(change.name()).append('(').append(String.join("|", change.fields())).append(')');
        }
        return out.toString();
    }
}
