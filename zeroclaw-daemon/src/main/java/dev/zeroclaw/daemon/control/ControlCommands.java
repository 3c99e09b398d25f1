package dev.zeroclaw.daemon.control;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.zeroclaw.api.ExposedNames;
import dev.zeroclaw.daemon.config.AppliedConfig;
import dev.zeroclaw.daemon.config.ConfigSnapshot;
import dev.zeroclaw.daemon.events.EventLog;
import dev.zeroclaw.daemon.events.ServerStart;
import dev.zeroclaw.daemon.events.ServerStarts;
import dev.zeroclaw.daemon.follow.Following;
import dev.zeroclaw.daemon.logs.LogEntry;
import dev.zeroclaw.daemon.logs.ServerLogs;
import dev.zeroclaw.daemon.oauth.LoginPickup;
import dev.zeroclaw.daemon.reload.ReloadCoordinator;
import dev.zeroclaw.daemon.report.PlanDocument;
import dev.zeroclaw.daemon.report.StatusDocument;
import dev.zeroclaw.gateway.deferred.ToolDefinitionSize;
import dev.zeroclaw.gateway.deferred.ToolDefinitionSizes;
import dev.zeroclaw.gateway.http.GatewayServer;
import dev.zeroclaw.gateway.metrics.CallError;
import dev.zeroclaw.gateway.metrics.GatewayMetrics;
import dev.zeroclaw.gateway.metrics.ToolFigures;
import dev.zeroclaw.gateway.pins.PinReview;
import dev.zeroclaw.gateway.pins.ToolPins;
import dev.zeroclaw.supervisor.ServerRegistry;
import dev.zeroclaw.supervisor.ServerSupervisor;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;

/**
 * What the control socket answers: {@code {"command": "status"}} (with {@code "server": "x"}, that
 * server's tools with their figures, its last errors and its last starts) and
 * {@code {"command": "reload", "dry_run": false}}, {@code {"command": "tools-approve", "server": "x",
 * "tool": "y"}} (the tool optional), {@code {"command": "tools-diff", "server": "x"}},
 * {@code {"command": "logs", "server": "x", "lines": 50}} and {@code {"command": "events"}} (these two
 * also as streams, with {@code "follow": true}: {@link #stream}), {@code {"command": "auth-changed", "server": "x"}}
 * (sent by {@code zeroclaw auth login|logout}: the server's OAuth tokens changed in the store; a READY server reads
 * them at its next request, a NEEDS_AUTH one starts again at once, no reload; {@link LoginPickup}); anything else gets
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
    private final ServerLogs logs;
    private final EventLog events;
    private final GatewayMetrics metrics;
    private final ServerStarts starts;
    private final LoginPickup logins;
    private final ObjectMapper json;
    // The daemon's uptime counts from its wiring, a few milliseconds before its first server starts.
    private final long startedNanos = System.nanoTime();

    public ControlCommands(AppliedConfig applied, ServerRegistry registry, GatewayServer gateway, ReloadCoordinator reloads,
            ToolPins pins, ToolDefinitionSizes sizes, ServerLogs logs, EventLog events, GatewayMetrics metrics, ServerStarts starts,
            LoginPickup logins, ObjectMapper json) {
        this.applied = requireNonNull(applied, "applied is null");
        this.registry = requireNonNull(registry, "registry is null");
        this.gateway = requireNonNull(gateway, "gateway is null");
        this.reloads = requireNonNull(reloads, "reloads is null");
        this.pins = requireNonNull(pins, "pins is null");
        this.sizes = requireNonNull(sizes, "sizes is null");
        this.logs = requireNonNull(logs, "logs is null");
        this.events = requireNonNull(events, "events is null");
        this.metrics = requireNonNull(metrics, "metrics is null");
        this.starts = requireNonNull(starts, "starts is null");
        this.logins = requireNonNull(logins, "logins is null");
        this.json = requireNonNull(json, "json is null");
    }

    @Override
    public JsonNode handle(JsonNode request) {
        String command = request.path("command").asText("");
        if (command.equals("status") && request.path("server").isTextual()) {
            String server = request.path("server").asText();
            return unknownServer(server).orElseGet(() -> serverStatus(server));
        }
        if (command.equals("status")) {
            return status();
        }
        if (command.equals("reload")) {
            JsonNode peer = request.path(ControlServer.PEER_UID);
            return reload(request.path("dry_run").asBoolean(false),
                    peer.canConvertToLong() && peer.asLong() >= 0 ? OptionalLong.of(peer.asLong()) : OptionalLong.empty());
        }
        if (command.equals("tools-approve") || command.equals("tools-diff")) {
            return tools(command, request);
        }
        if (command.equals("logs")) {
            String server = request.path("server").asText("");
            Optional<JsonNode> refused = unknownServer(server);
            return refused.orElseGet(() -> logsDocument(server, logs.tail(server, lines(request))));
        }
        if (command.equals("events")) {
            return eventsDocument(events.recent());
        }
        if (command.equals("auth-changed")) {
            return json.valueToTree(logins.authChanged(request.path("server").asText("")));
        }
        return json.createObjectNode().put("ok", false).put("error", "unknown command '" + command + "'");
    }

    /**
     * {@code {"command": "logs", "server": "x", "lines": 50, "follow": true}} and
     * {@code {"command": "events", "follow": true}}: the document {@link #handle} answers, then each
     * new entry or event as one JSON object per line.
     */
    @Override
    public Optional<ControlStream> stream(JsonNode request) {
        if (!request.path("follow").asBoolean(false)) {
            return Optional.empty();
        }
        String command = request.path("command").asText("");
        if (command.equals("events")) {
            Following<JsonNode> following = events.follow();
            return Optional.of(new FollowingStream<>(eventsDocument(following.backlog()), following, event -> event));
        }
        String server = request.path("server").asText("");
        if (command.equals("logs") && unknownServer(server).isEmpty()) {
            Following<LogEntry> following = logs.follow(server, lines(request));
            return Optional.of(new FollowingStream<>(logsDocument(server, following.backlog()), following, LogEntry::json));
        }
        return Optional.empty();
    }

    private Optional<JsonNode> unknownServer(String server) {
        if (registry.find(server).isPresent()) {
            return Optional.empty();
        }
        String configured = registry.names().isEmpty() ? "none is configured" : "the configured servers are "
                + String.join(", ", registry.names());
        return Optional.of(json.createObjectNode().put("ok", false)
                .put("error", "unknown server '" + server + "': " + configured));
    }

    private static int lines(JsonNode request) {
        return Math.max(0, Math.min(ServerLogs.MAX_LINES, request.path("lines").asInt(ServerLogs.DEFAULT_LINES)));
    }

    private ObjectNode logsDocument(String server, List<LogEntry> entries) {
        ObjectNode document = json.createObjectNode().put("ok", true).put("server", server);
        ArrayNode array = document.putArray("entries");
        entries.forEach(entry -> array.add(entry.json()));
        return document;
    }

    private ObjectNode eventsDocument(List<JsonNode> recent) {
        ObjectNode document = json.createObjectNode().put("ok", true);
        document.putArray("events").addAll(recent);
        return document;
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
            ((ObjectNode) server).set("last_stderr", lastStderr(server));
        }
        addToolDefinitions(tree, snapshot.config().settings().deferredLoading());
        return tree;
    }

    /**
     * {@code zeroclaw status <server>}: the server's entry of the status document, then its tools
     * (exposed and own name, with the gateway's figures once called), its last failed calls and its
     * last starts with their reasons.
     */
    private JsonNode serverStatus(String server) {
        JsonNode entry = json.nullNode();
        for (JsonNode candidate : status().path("servers")) {
            if (candidate.path("name").asText().equals(server)) {
                entry = candidate;
            }
        }
        ObjectNode document = json.createObjectNode().put("ok", true);
        document.set("server", entry);
        Map<String, ToolFigures> figures = new LinkedHashMap<>();
        metrics.toolFigures(server).forEach(tool -> figures.put(tool.tool(), tool));
        ArrayNode tools = document.putArray("tools");
        ExposedNames names = registry.toolNames();
        List<String> offered = registry.find(server).map(ServerSupervisor::toolNames).orElse(List.of());
        for (String name : offered) {
            String label = name.length() > GatewayMetrics.MAX_TOOL_LABEL ? name.substring(0, GatewayMetrics.MAX_TOOL_LABEL) : name;
            tools.add(tool(names.exposed(server, name), name, figures.remove(label)));
        }
        // Tools called but not offered now (gone since, or folded into "other").
        figures.values().forEach(tool -> tools.add(tool(null, tool.tool(), tool)));
        ArrayNode errors = document.putArray("last_errors");
        for (CallError error : metrics.lastErrors(server)) {
            ObjectNode node = errors.addObject().put("time", error.time().toString()).put("method", error.method())
                    .put("tool", error.tool());
            if (error.code() == null) {
                node.putNull("code");
            } else {
                node.put("code", error.code());
            }
            node.put("message", error.message());
        }
        ArrayNode history = document.putArray("starts");
        for (ServerStart start : starts.of(server)) {
            ObjectNode node = history.addObject().put("time", start.time().toString()).put("instance", start.instance());
            if (start.pid().isPresent()) {
                node.put("pid", start.pid().getAsLong());
            } else {
                node.putNull("pid");
            }
            node.put("reason", start.reason());
        }
        return document;
    }

    private ObjectNode tool(String exposed, String name, ToolFigures figures) {
        ObjectNode node = json.createObjectNode().put("exposed", exposed).put("name", name)
                .put("calls", figures == null ? 0 : figures.calls()).put("errors", figures == null ? 0 : figures.errors());
        if (figures == null || Double.isNaN(figures.p50Seconds())) {
            node.putNull("p50_ms").putNull("p99_ms");
        } else {
            node.put("p50_ms", Math.round(figures.p50Seconds() * 1e6) / 1e3).put("p99_ms", Math.round(figures.p99Seconds() * 1e6) / 1e3);
        }
        return node;
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

    /** Next to a failed server's error, the last line it said: what an operator reads first. */
    private JsonNode lastStderr(JsonNode server) {
        String state = server.path("state").asText();
        if (!state.equals("FAILED") && !state.equals("BACKOFF")) {
            return json.nullNode();
        }
        return logs.last(server.path("name").asText())
                .<JsonNode>map(line -> json.createObjectNode().put("time", line.time().toString()).put("line", line.line()))
                .orElse(json.nullNode());
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

    private JsonNode reload(boolean dryRun, OptionalLong peerUid) {
        if (dryRun) {
            Map<String, Object> document = PlanDocument.ofReload(reloads.dryRun());
            document.remove("id");
            document.remove("duration_ms");
            return json.valueToTree(document);
        }
        try {
            return json.valueToTree(PlanDocument.ofReload(reloads.request("control", peerUid).get()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return json.createObjectNode().put("ok", false).put("error", "the daemon is stopping");
        } catch (ExecutionException | CancellationException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            return json.createObjectNode().put("ok", false).put("error", "reload did not complete: " + cause.getMessage());
        }
    }
}
