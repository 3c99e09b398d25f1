package dev.zeroclaw.diff;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * What a reload does, per server. Every server of either configuration is in exactly one list.
 *
 * @param added in the new configuration only: start
 * @param removed in the running configuration only: stop
 * @param restart a launch setting changed: replace the instance
 * @param update only settings applied live changed: no restart
 * @param unchanged identical: left alone
 * @param bundles what changes in the bundles: applied live, no server restarts for it
 */
public record ReloadPlan(
        List<String> added,
        List<String> removed,
        List<ServerChange> restart,
        List<ServerChange> update,
        List<String> unchanged,
        BundleChanges bundles) {

    public ReloadPlan {
        added = List.copyOf(added);
        removed = List.copyOf(removed);
        restart = List.copyOf(restart);
        update = List.copyOf(update);
        unchanged = List.copyOf(unchanged);
        requireNonNull(bundles, "bundles is null");
    }

    /** A plan that changes no bundle. */
    public ReloadPlan(List<String> added, List<String> removed, List<ServerChange> restart, List<ServerChange> update,
            List<String> unchanged) {
        this(added, removed, restart, update, unchanged, BundleChanges.NONE);
    }

    /** True when applying the plan would touch nothing (no server, no bundle). */
    public boolean isEmpty() {
        return added.isEmpty() && removed.isEmpty() && restart.isEmpty() && update.isEmpty() && bundles.isEmpty();
    }
}
