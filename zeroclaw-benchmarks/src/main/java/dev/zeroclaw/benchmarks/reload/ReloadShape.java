package dev.zeroclaw.benchmarks.reload;

import dev.zeroclaw.daemon.reload.ReloadReport;
import dev.zeroclaw.diff.ReloadPlan;

/**
 * What a benchmark's reload must have done: so many servers restarted, updated and left alone,
 * none added, removed or failed. Checked outside the timed code, so that a broken setup (a file
 * not rewritten, a server that did not come back) fails the run instead of timing something else.
 */
record ReloadShape(int restarted, int updated, int unchanged) {

    static ReloadShape noOp(int servers) {
        return new ReloadShape(0, 0, servers);
    }

    void require(ReloadReport report) {
        ReloadPlan plan = report.plan();
        boolean matches = report.ok() && report.failed().isEmpty() && plan.added().isEmpty() && plan.removed().isEmpty()
                && plan.restart().size() == restarted && plan.update().size() == updated
                && plan.unchanged().size() == unchanged;
        if (!matches) {
            throw new IllegalStateException("expected a reload with " + restarted + " restarted, " + updated + " updated and "
                    + unchanged + " unchanged; got: " + report.logLine());
        }
    }
}
