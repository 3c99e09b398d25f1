package dev.zeroclaw.daemon.control;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zeroclaw.daemon.config.AppliedConfig;
import dev.zeroclaw.daemon.config.ConfigSnapshot;
import dev.zeroclaw.daemon.reload.ReloadCoordinator;
import dev.zeroclaw.daemon.report.PlanDocument;
import dev.zeroclaw.daemon.report.StatusDocument;
import dev.zeroclaw.gateway.http.GatewayServer;
import dev.zeroclaw.supervisor.ServerRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;

/**
 * What the control socket answers: {@code {"command": "status"}} and
 * {@code {"command": "reload", "dry_run": false}}; anything else gets
 * {@code {"ok": false, "error": "unknown command '...'"}}. The replies are the documents of
 * {@code zeroclaw status --json} and {@code zeroclaw reload --json}.
 */
public final class ControlCommands implements ControlHandler {

    private final AppliedConfig applied;
    private final ServerRegistry registry;
    private final GatewayServer gateway;
    private final ReloadCoordinator reloads;
    private final ObjectMapper json;
    // The daemon's uptime counts from its wiring, a few milliseconds before its first server starts.
    private final long startedNanos = System.nanoTime();

    public ControlCommands(AppliedConfig applied, ServerRegistry registry, GatewayServer gateway, ReloadCoordinator reloads,
            ObjectMapper json) {
        this.applied = requireNonNull(applied, "applied is null");
        this.registry = requireNonNull(registry, "registry is null");
        this.gateway = requireNonNull(gateway, "gateway is null");
        this.reloads = requireNonNull(reloads, "reloads is null");
        this.json = requireNonNull(json, "json is null");
    }

    @Override
    public JsonNode handle(JsonNode request) {
        String command = request.path("command").asText("");
        if (command.equals("status")) {
            return status();
        }
        if (command.equals("reload")) {
            return reload(request.path("dry_run").asBoolean(false));
        }
        return json.createObjectNode().put("ok", false).put("error", "unknown command '" + command + "'");
    }

    private JsonNode status() {
        ConfigSnapshot snapshot = applied.get();
        Map<String, Object> document = StatusDocument.of(ProcessHandle.current().pid(), snapshot.file().toString(),
                snapshot.sha256(), Duration.ofNanos(System.nanoTime() - startedNanos).toMillis(), registry.statuses(),
                registry.toolNames());
        document.put("gateway", gateway.status());
        return json.valueToTree(document);
    }

    private JsonNode reload(boolean dryRun) {
        if (dryRun) {
            Map<String, Object> document = PlanDocument.ofReload(reloads.dryRun());
            document.remove("id");
            document.remove("duration_ms");
            return json.valueToTree(document);
        }
        try {
            return json.valueToTree(PlanDocument.ofReload(reloads.request("control").get()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return json.createObjectNode().put("ok", false).put("error", "the daemon is stopping");
        } catch (ExecutionException | CancellationException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            return json.createObjectNode().put("ok", false).put("error", "reload did not complete: " + cause.getMessage());
        }
    }
}
