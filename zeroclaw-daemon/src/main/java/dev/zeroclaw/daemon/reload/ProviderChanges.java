package dev.zeroclaw.daemon.reload;

import dev.zeroclaw.api.McpConfig;
import dev.zeroclaw.api.ServerSpec;
import dev.zeroclaw.diff.ReloadPlan;
import dev.zeroclaw.diff.ServerChange;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Adds to a reload plan the servers whose entry did not change but whose transport provider did:
 * its plugin was added, removed or replaced by another version. They restart through the catalog
 * as it is now, with the field {@code transport.provider}; the servers of plugins that did not
 * change stay as the plan has them.
 */
final class ProviderChanges {

    static final String FIELD = "transport.provider";

    private ProviderChanges() {}

    static ReloadPlan restartUsers(ReloadPlan plan, McpConfig next, Set<String> changedTransports) {
        if (changedTransports.isEmpty()) {
            return plan;
        }
        List<ServerChange> restart = new ArrayList<>(plan.restart());
        List<ServerChange> update = new ArrayList<>();
        List<String> unchanged = new ArrayList<>();
        for (ServerChange change : plan.update()) {
            if (uses(next, change.name(), changedTransports)) {
                List<String> fields = new ArrayList<>(change.fields());
                fields.add(FIELD);
                restart.add(new ServerChange(change.name(), fields));
            } else {
                update.add(change);
            }
        }
        for (String name : plan.unchanged()) {
            if (uses(next, name, changedTransports)) {
                restart.add(new ServerChange(name, List.of(FIELD)));
            } else {
                unchanged.add(name);
            }
        }
        return new ReloadPlan(plan.added(), plan.removed(), restart, update, unchanged, plan.bundles());
    }

    private static boolean uses(McpConfig config, String server, Set<String> transports) {
        Optional<ServerSpec> spec = config.server(server);
        return spec.isPresent() && transports.contains(spec.get().transport());
    }
}
