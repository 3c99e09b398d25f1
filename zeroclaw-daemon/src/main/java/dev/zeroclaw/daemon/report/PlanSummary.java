package dev.zeroclaw.daemon.report;

import dev.zeroclaw.diff.ReloadPlan;
import dev.zeroclaw.diff.ServerChange;
import java.util.List;

/** A plan as a few lines a person reads at a terminal. */
public final class PlanSummary {

    private PlanSummary() {}

    /**
     * One headline with the counts, then one line per touched server:
     * {@code + added}, {@code - removed}, {@code ~ restarted (fields)}, {@code * updated (fields)}.
     */
    public static String render(ReloadPlan plan) {
        StringBuilder out = new StringBuilder();
        if (plan.isEmpty()) {
            out.append("no change: ").append(count(plan.unchanged().size())).append(" unchanged\n");
            return out.toString();
        }
        out.append(plan.added().size()).append(" added, ")
                .append(plan.removed().size()).append(" removed, ")
                .append(plan.restart().size()).append(" restarted, ")
                .append(plan.update().size()).append(" updated, ")
                .append(plan.unchanged().size()).append(" unchanged\n");
        // Loops, not lambdas: zeroclaw reload renders this on its client path, where each first lambda costs
        // a class spun at run time (docs/benchmarks.md, "Client commands").
        for (String name : plan.added()) {
            out.append("  + ").append(name).append('\n');
        }
        for (String name : plan.removed()) {
            out.append("  - ").append(name).append('\n');
        }
        changes(out, "~", "restart", plan.restart());
        changes(out, "*", "update", plan.update());
        // Bundles: applied live, never a restart.
        for (String alias : plan.bundles().added()) {
            out.append("  + bundle ").append(alias).append('\n');
        }
        for (String alias : plan.bundles().removed()) {
            out.append("  - bundle ").append(alias).append('\n');
        }
        for (ServerChange change : plan.bundles().changed()) {
            out.append("  * bundle ").append(change.name()).append(" (live: ").append(String.join(", ", change.fields()))
                    .append(")\n");
        }
        return out.toString();
    }

    private static void changes(StringBuilder out, String mark, String verb, List<ServerChange> changes) {
        for (ServerChange change : changes) {
            out.append("  ").append(mark).append(' ').append(change.name())
                    .append(" (").append(verb).append(": ").append(String.join(", ", change.fields())).append(")\n");
        }
    }

    private static String count(int servers) {
        return servers == 1 ? "1 server" : new StringBuilder().append(servers).append(" servers").toString();
    }
}
