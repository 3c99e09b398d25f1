package dev.zeroclaw.gateway.metrics;

import static dev.zeroclaw.gateway.metrics.PrometheusText.label;

import dev.zeroclaw.supervisor.FleetEvents;
import dev.zeroclaw.supervisor.ServerState;
import dev.zeroclaw.supervisor.ServerStatus;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters behind {@code /metrics} and the gateway part of {@code zeroclaw status}: calls per server
 * and their latency, reloads and their duration. Server states and restarts are read from the
 * registry at each scrape. Lock-free; a label value is a server name or a constant, never a secret.
 */
public final class GatewayMetrics implements FleetEvents {

    /** The media type of {@link #render}'s text (Prometheus' text format). */
    public static final String CONTENT_TYPE = PrometheusText.CONTENT_TYPE;

    private static final class ServerCalls {
        final LongAdder calls = new LongAdder();
        final LongAdder errors = new LongAdder();
        final LatencyHistogram latency = new LatencyHistogram();
    }

    private static final class ServerResults {
        final LongAdder cut = new LongAdder();
        final LongAdder refused = new LongAdder();
    }

    private final Map<String, ServerCalls> servers = new ConcurrentHashMap<>();
    private final Map<String, ServerResults> results = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> reloads = new ConcurrentHashMap<>();
    private final LatencyHistogram reloadDuration = new LatencyHistogram();
    private final LongAdder auditWritten = new LongAdder();
    private final LongAdder auditDropped = new LongAdder();

    public GatewayMetrics() {}

    /** One call routed to {@code server} ended; {@code error} when the client got an MCP error. */
    public void called(String server, long nanos, boolean error) {
        ServerCalls counters = servers.computeIfAbsent(server, name -> new ServerCalls());
        counters.calls.increment();
        if (error) {
            counters.errors.increment();
        }
        counters.latency.record(nanos);
    }

    /** A tool's result from {@code server} was cut to its {@code max_result_bytes}. */
    public void resultCut(String server) {
        results.computeIfAbsent(server, name -> new ServerResults()).cut.increment();
    }

    /** A tool's result from {@code server} was over its {@code max_result_bytes} and could not be cut. */
    public void resultRefused(String server) {
        results.computeIfAbsent(server, name -> new ServerResults()).refused.increment();
    }

    /** A line reached the audit log. */
    public void auditWritten() {
        auditWritten.increment();
    }

    /** A line of the audit log was dropped (its queue was full, or its file could not be written). */
    public void auditDropped() {
        auditDropped.increment();
    }

    @Override
    public void reloaded(ReloadResult result, double durationMs) {
        reloads.computeIfAbsent(result.name().toLowerCase(Locale.ROOT), name -> new LongAdder()).increment();
        reloadDuration.record((long) (durationMs * 1_000_000));
    }

    /** Calls and errors per server, for {@code zeroclaw status}. */
    public Map<String, Map<String, Long>> callsByServer() {
        Map<String, Map<String, Long>> out = new LinkedHashMap<>();
        servers.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(entry -> out.put(entry.getKey(),
                Map.of("calls", entry.getValue().calls.sum(), "errors", entry.getValue().errors.sum())));
        return out;
    }

    public String render(List<ServerStatus> statuses, int sessions) {
        PrometheusText out = new PrometheusText();
        out.family("zeroclaw_reloads_total", "counter", "Reloads by result (applied, partial, invalid).");
        for (String result : List.of("applied", "partial", "invalid")) {
            LongAdder count = reloads.get(result);
            out.sample("zeroclaw_reloads_total", label("result", result), count == null ? 0 : count.sum());
        }
        out.family("zeroclaw_reload_duration_seconds", "histogram", "Time from a reload's start to its report.");
        reloadDuration.write(out, "zeroclaw_reload_duration_seconds", "");
        out.family("zeroclaw_server_state", "gauge", "1 for each server's current state, 0 for the others.");
        for (ServerStatus status : statuses) {
            for (ServerState state : ServerState.values()) {
                out.sample("zeroclaw_server_state", label("server", status.name()) + "," + label("state", state.name()),
                        status.state() == state ? 1 : 0);
            }
        }
        out.family("zeroclaw_server_restarts_total", "counter", "Starts of a server after its first (crashes and reloads).");
        statuses.forEach(status -> out.sample("zeroclaw_server_restarts_total", label("server", status.name()), status.restarts()));
        out.family("zeroclaw_server_tools", "gauge", "Tools the server's serving instance offers.");
        statuses.forEach(status -> out.sample("zeroclaw_server_tools", label("server", status.name()), status.tools()));
        out.family("zeroclaw_gateway_sessions", "gauge", "Open client sessions at the gateway.");
        out.sample("zeroclaw_gateway_sessions", "", sessions);
        out.family("zeroclaw_gateway_calls_total", "counter", "Requests routed to a server (tools/call, resources/read, prompts/get, completion/complete).");
        servers.forEach((server, counters) -> out.sample("zeroclaw_gateway_calls_total", label("server", server), counters.calls.sum()));
        out.family("zeroclaw_gateway_call_errors_total", "counter", "Routed requests answered with an MCP error.");
        servers.forEach((server, counters) -> out.sample("zeroclaw_gateway_call_errors_total", label("server", server), counters.errors.sum()));
        out.family("zeroclaw_gateway_call_duration_seconds", "histogram", "Latency of routed requests, at the gateway.");
        servers.forEach((server, counters) -> counters.latency.write(out, "zeroclaw_gateway_call_duration_seconds", label("server", server)));
        out.family("zeroclaw_gateway_results_cut_total", "counter", "Tool results cut to the server's max_result_bytes.");
        results.forEach((server, counters) -> out.sample("zeroclaw_gateway_results_cut_total", label("server", server), counters.cut.sum()));
        out.family("zeroclaw_gateway_results_refused_total", "counter",
                "Tool results over the server's max_result_bytes refused (structuredContent cannot be cut).");
        results.forEach((server, counters) -> out.sample("zeroclaw_gateway_results_refused_total", label("server", server),
                counters.refused.sum()));
        out.family("zeroclaw_audit_lines_total", "counter", "Lines written to the audit log ([mcp.audit]).");
        out.sample("zeroclaw_audit_lines_total", "", auditWritten.sum());
        out.family("zeroclaw_audit_lines_dropped_total", "counter",
                "Audit lines dropped: the queue was full or the file could not be written (a call never waits for the log).");
        out.sample("zeroclaw_audit_lines_dropped_total", "", auditDropped.sum());
        return out.toString();
    }
}
