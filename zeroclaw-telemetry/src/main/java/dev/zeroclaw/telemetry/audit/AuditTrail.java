package dev.zeroclaw.telemetry.audit;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.zeroclaw.diff.ReloadPlan;
import dev.zeroclaw.diff.ServerChange;
import dev.zeroclaw.gateway.observe.ClientRequest;
import dev.zeroclaw.gateway.observe.ObservedCall;
import dev.zeroclaw.gateway.observe.ObservedRequest;
import dev.zeroclaw.gateway.observe.RequestObserver;
import dev.zeroclaw.mcp.McpError;
import dev.zeroclaw.telemetry.ObservabilitySources;
import dev.zeroclaw.telemetry.ReloadObservation;
import dev.zeroclaw.telemetry.ReloadObserver;
import dev.zeroclaw.telemetry.ReloadOutcome;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletionException;

/**
 * What goes into the audit log: one line per {@code tools/call}, {@code resources/read} and
 * {@code prompts/get} when it is answered, one per reload when it has its report. The line is built
 * on the thread that ends the call (small: a few fields and a hash) and written by {@link AuditLog}'s.
 */
public final class AuditTrail implements RequestObserver, ReloadObserver {

    /** The methods audited: those that reach a server's tools, prompts and resources. */
    static final Set<String> AUDITED = Set.of("tools/call", "resources/read", "prompts/get");

    private final AuditLog log;
    private final boolean logArguments;
    private final ObservabilitySources sources;

    public AuditTrail(AuditLog log, boolean logArguments, ObservabilitySources sources) {
        this.log = requireNonNull(log, "log is null");
        this.logArguments = logArguments;
        this.sources = requireNonNull(sources, "sources is null");
    }

    @Override
    public ObservedRequest start(ClientRequest request) {
        if (!AUDITED.contains(request.method())) {
            return ObservedRequest.NONE;
        }
        return new AuditedCall(request, Instant.now(), System.nanoTime());
    }

    private final class AuditedCall implements ObservedRequest {

        private final ClientRequest request;
        private final Instant time;
        private final long startNanos;
        // Written by the router's thread before the answer, read by the thread that ends the call.
        private volatile String server;
        private volatile long instance = -1;

        AuditedCall(ClientRequest request, Instant time, long startNanos) {
            this.request = request;
            this.time = time;
            this.startNanos = startNanos;
        }

        @Override
        public ObservedCall upstream(String server, long instance, String method, ObjectNode params) {
            this.server = server;
            this.instance = instance;
            return ObservedCall.NONE;
        }

        @Override
        public void end(JsonNode result, Throwable failure) {
            ObjectNode line = line(time, "call");
            line.put("method", request.method());
            line.put("session", request.sessionId());
            ObjectNode client = line.putObject("client");
            client.put("name", request.clientName());
            client.put("version", request.clientVersion());
            if (request.bundle().isPresent()) {
                line.put("bundle", request.bundle().get());
            } else {
                line.putNull("bundle");
            }
            line.put("server", server);
            if (instance >= 0) {
                line.put("instance", instance);
            } else {
                line.putNull("instance");
            }
            JsonNode params = request.params();
            if (request.method().equals("resources/read")) {
                line.put("uri", params.path("uri").asText(""));
            } else {
                line.put(request.method().equals("tools/call") ? "tool" : "prompt", params.path("name").asText(""));
            }
            line.put("duration_ms", Math.round((System.nanoTime() - startNanos) / 10_000.0) / 100.0);
            outcome(line, result, failure);
            JsonNode arguments = params.get("arguments");
            if (arguments == null || arguments.isNull()) {
                line.putNull("arguments_sha256");
            } else {
                line.put("arguments_sha256", CanonicalJson.sha256(arguments));
                if (logArguments) {
                    line.set("arguments", CanonicalJson.redacted(arguments, sources.secretValues().get()));
                }
            }
            line.put("config_sha256", sources.configSha256().get().orElse(null));
            log.offer(line.toString());
        }
    }

    /** A line's first fields: when, and what kind of event. */
    private ObjectNode line(Instant time, String event) {
        ObjectNode line = sources.json().createObjectNode();
        line.put("time", time.toString());
        line.put("event", event);
        return line;
    }

    private static void outcome(ObjectNode line, JsonNode result, Throwable failure) {
        if (failure == null) {
            boolean toolError = result != null && result.path("isError").asBoolean(false);
            line.put("outcome", toolError ? "tool_error" : "ok");
            return;
        }
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        line.put("outcome", "error");
        if (cause instanceof McpError error) {
            line.put("error_code", error.code());
        } else {
            line.put("error_code", McpError.INTERNAL_ERROR);
        }
    }

    @Override
    public ReloadObservation begin(long id, String trigger) {
        Instant time = Instant.now();
        return new ReloadObservation() {
            @Override
            public void applying() {
                // The line is written at the end, with the outcome.
            }

            @Override
            public void end(ReloadOutcome outcome) {
                log.offer(reloadLine(time, outcome).toString());
            }
        };
    }

    private ObjectNode reloadLine(Instant time, ReloadOutcome outcome) {
        ObjectNode line = line(time, "reload");
        line.put("id", outcome.id());
        line.put("trigger", outcome.trigger());
        if (outcome.peerUid().isPresent()) {
            line.put("peer_uid", outcome.peerUid().getAsLong());
        } else {
            line.putNull("peer_uid");
        }
        line.put("outcome", outcome.result());
        line.put("config_sha256", outcome.configSha256().orElse(null));
        line.put("duration_ms", Math.round(outcome.durationMs() * 100) / 100.0);
        ReloadPlan plan = outcome.plan();
        ObjectNode planNode = line.putObject("plan");
        strings(planNode.putArray("added"), plan.added());
        strings(planNode.putArray("removed"), plan.removed());
        changes(planNode.putArray("restarted"), plan.restart());
        changes(planNode.putArray("updated"), plan.update());
        planNode.put("unchanged", plan.unchanged().size());
        ObjectNode failed = line.putObject("failed");
        new TreeMap<>(outcome.failed()).forEach(failed::put);
        strings(line.putArray("errors"), outcome.errors());
        return line;
    }

    private static void strings(ArrayNode array, List<String> values) {
        values.forEach(array::add);
    }

    /** The server and the names of the fields that changed (never their values: env and headers are secrets). */
    private static void changes(ArrayNode array, List<ServerChange> changes) {
        for (ServerChange change : changes) {
            ObjectNode node = array.addObject();
            node.put("name", change.name());
            strings(node.putArray("fields"), change.fields());
        }
    }
}
