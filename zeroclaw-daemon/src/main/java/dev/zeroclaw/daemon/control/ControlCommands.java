package dev.zeroclaw.daemon.control;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.zeroclaw.daemon.config.AppliedConfig;
import dev.zeroclaw.daemon.config.ConfigSnapshot;
import dev.zeroclaw.daemon.reload.ReloadCoordinator;
import dev.zeroclaw.daemon.report.PlanDocument;
import dev.zeroclaw.daemon.report.StatusDocument;
import dev.zeroclaw.gateway.deferred.ToolDefinitionSize;
import dev.zeroclaw.gateway.deferred.ToolDefinitionSizes;
import dev.zeroclaw.gateway.http.GatewayServer;
import dev.zeroclaw.gateway.pins.PinReview;
import dev.zeroclaw.gateway.pins.ToolPins;
import dev.zeroclaw.supervisor.ServerRegistry;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;

/**
 * What the control socket answers: {@code {"command": "status"}} and
 * {@code {"command": "reload", "dry_run": false}}, {@code {"command": "tools-approve", "server": "x",
 * "tool": "y"}} (the tool optional) and {@code {"command": "tools-diff", "server": "x"}}; anything else gets
 * {@code {"ok": false, "error": "unknown command '...'"}}. The replies are the documents of
 * {@code zeroclaw status --json} and {@code zeroclaw reload --json}.
 */
public final class ControlCommands implements ControlHandler {

    private final AppliedConfig applied;
    private final ServerRegistry registry;
    private final GatewayServer gateway;
    private final ReloadCoordinator reloads;
    private final ToolPins pins;
    private final ToolDefinitionSizes sizes;
    private final ObjectMapper json;
    // The daemon's uptime counts from its wiring, a few milliseconds before its first server starts.
    private final long startedNanos = System.nanoTime();

    public ControlCommands(AppliedConfig applied, ServerRegistry registry, GatewayServer gateway, ReloadCoordinator reloads,
            ToolPins pins, ToolDefinitionSizes sizes, ObjectMapper json) {
        this.applied = requireNonNull(applied, "applied is null");
        this.registry = requireNonNull(registry, "registry is null");
        this.gateway = requireNonNull(gateway, "gateway is null");
        this.reloads = requireNonNull(reloads, "reloads is null");
        this.pins = requireNonNull(pins, "pins is null");
        this.sizes = requireNonNull(sizes, "sizes is null");
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
        if (command.equals("tools-approve") || command.equals("tools-diff")) {
            return tools(command, request);
        }
        return json.createObjectNode().put("ok", false).put("error", "unknown command '" + command + "'");
    }

    private JsonNode status() {
        ConfigSnapshot snapshot = applied.get();
        Map<String, Object> document = StatusDocument.of(ProcessHandle.current().pid(), snapshot.file().toString(),
                snapshot.sha256(), Duration.ofNanos(System.nanoTime() - startedNanos).toMillis(), registry.statuses(),
                registry.toolNames());
        document.put("gateway", gateway.status());
        document.put("bundles", gateway.bundles());
        ObjectNode tree = json.valueToTree(document);
        for (JsonNode server : tree.path("servers")) {
            pins.review(server.path("name").asText()).ifPresent(review -> ((ObjectNode) server).set("pins", pins(review)));
        }
        addToolDefinitions(tree, snapshot.config().settings().deferredLoading());
        return tree;
    }

    /**
     * Each server's {@code tool_definitions} (null before it was READY), and at the top their total
     * beside what a deferred session's list costs instead.
     */
    private void addToolDefinitions(ObjectNode tree, boolean deferredLoading) {
        ToolDefinitionSize total = ToolDefinitionSize.ofBytes(0, 0);
        for (JsonNode server : tree.path("servers")) {
            Optional<ToolDefinitionSize> size = sizes.of(server.path("name").asText());
            ((ObjectNode) server).set("tool_definitions", size.<JsonNode>map(figures -> json.valueToTree(figures.document()))
                    .orElse(json.nullNode()));
            if (size.isPresent()) {
                total = total.plus(size.get());
            }
        }
        ObjectNode figures = json.valueToTree(total.document());
        figures.put("deferred_loading", deferredLoading);
        figures.set("deferred", json.valueToTree(sizes.deferred().document()));
        tree.set("tool_definitions", figures);
    }

    /** A server's pins in the status document: its mode and the tools that differ from their pins. */
    private JsonNode pins(PinReview review) {
        ObjectNode node = json.createObjectNode().put("mode", review.mode().configValue());
        review.changed().forEach(node.putArray("changed")::add);
        review.added().forEach(node.putArray("added")::add);
        review.removed().forEach(node.putArray("removed")::add);
        return node;
    }

    private JsonNode tools(String command, JsonNode request) {
        String server = request.path("server").asText("");
        try {
            if (command.equals("tools-diff")) {
                return pins.diff(server).put("ok", true);
            }
            Optional<String> tool = request.path("tool").isTextual() ? Optional.of(request.path("tool").asText()) : Optional.empty();
            ObjectNode reply = json.createObjectNode().put("ok", true).put("server", server);
            pins.approve(server, tool).forEach(reply.putArray("approved")::add);
            return reply;
        } catch (IllegalArgumentException | IOException e) {
            return json.createObjectNode().put("ok", false).put("error", e.getMessage());
        }
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
