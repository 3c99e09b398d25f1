package dev.zeroclaw.gateway.metrics;

import static dev.zeroclaw.gateway.metrics.PrometheusText.label;
import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.zeroclaw.mcp.McpError;
import dev.zeroclaw.supervisor.FleetEvents;
import dev.zeroclaw.supervisor.ServerState;
import dev.zeroclaw.supervisor.ServerStatus;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters behind {@code /metrics} and the gateway part of {@code zeroclaw status}: calls per server
 * and per tool and their latency, each server's last failed calls, reloads and their duration.
 * Server states and restarts are read from the registry at each scrape. Lock-free; a label value is
 * a server name, a tool's own name or a constant, never a secret.
 *
 * <p>Per-tool series are bounded: at most {@link #MAX_TOOLS_PER_SERVER} tools per server and
 * {@link #MAX_TOOL_SERIES} tools in all get series of their own; calls to any other tool count under
 * {@code tool="other"} of their server, so a client that calls made-up names cannot grow the scrape.
 */
public final class GatewayMetrics implements FleetEvents {

    /** The media type of {@link #render}'s text (Prometheus' text format). */
    public static final String CONTENT_TYPE = PrometheusText.CONTENT_TYPE;

    /** Tools with series of their own, per server; the calls to others are folded into {@link #OTHER_TOOL}. */
    public static final int MAX_TOOLS_PER_SERVER = 32;
    /** Tools with series of their own, all servers together. */
    public static final int MAX_TOOL_SERIES = 512;
    /** The {@code tool} label of the calls folded past the bounds. */
    public static final String OTHER_TOOL = "other";
    /** A tool's name is cut to this many characters in its label (the longest exposed name). */
    public static final int MAX_TOOL_LABEL = 64;
    /** Failed calls kept per server for {@code zeroclaw status <server>}. */
    public static final int LAST_ERRORS = 10;
    /** An error's message is cut to this many characters in {@link CallError}. */
    public static final int MAX_ERROR_MESSAGE = 500;

    private static final class ServerCalls {
        final LongAdder calls = new LongAdder();
        final LongAdder errors = new LongAdder();
        final LatencyHistogram latency = new LatencyHistogram();
    }

    private static final class ServerResults {
        final LongAdder cut = new LongAdder();
        final LongAdder refused = new LongAdder();
    }

    private static final class ServerTools {
        final Map<String, ServerCalls> tools = new ConcurrentHashMap<>();
        final AtomicInteger named = new AtomicInteger();
    }

    private final Clock clock;
    private final Map<String, ServerCalls> servers = new ConcurrentHashMap<>();
    private final Map<String, ServerTools> tools = new ConcurrentHashMap<>();
    private final AtomicInteger toolSeries = new AtomicInteger();
    private final Map<String, ErrorRing> errors = new ConcurrentHashMap<>();
    private final Map<String, ServerResults> results = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> reloads = new ConcurrentHashMap<>();
    private final LatencyHistogram reloadDuration = new LatencyHistogram();
    private final LongAdder auditWritten = new LongAdder();
    private final LongAdder auditDropped = new LongAdder();

    public GatewayMetrics() {
        this(Clock.systemUTC());
    }

    public GatewayMetrics(Clock clock) {
        this.clock = requireNonNull(clock, "clock is null");
    }

    /**
     * One request routed to {@code server} ended: {@code result} when it was answered, {@code error}
     * (the MCP error its client got) when not. A {@code tools/call} also counts for its tool
     * ({@code params.name}, the tool's own name), where a result flagged {@code isError} is an error too.
     */
    public void called(String server, String method, JsonNode params, long nanos, JsonNode result, McpError error) {
        ServerCalls counters = servers.computeIfAbsent(server, name -> new ServerCalls());
        counters.calls.increment();
        if (error != null) {
            counters.errors.increment();
        }
        counters.latency.record(nanos);
        String tool = method.equals("tools/call") ? params.path("name").asText("") : null;
        boolean toolError = result != null && result.path("isError").asBoolean(false);
        if (tool != null) {
            ServerCalls forTool = toolCalls(server, tool);
            forTool.calls.increment();
            if (error != null || toolError) {
                forTool.errors.increment();
            }
            forTool.latency.record(nanos);
        }
        if (error != null) {
            failed(server, new CallError(clock.instant(), method, tool, error.code(), cut(error.getMessage(), MAX_ERROR_MESSAGE)));
        } else if (toolError) {
            failed(server, new CallError(clock.instant(), method, tool, null, cut(firstText(result), MAX_ERROR_MESSAGE)));
        }
    }

    private void failed(String server, CallError error) {
        errors.computeIfAbsent(server, name -> new ErrorRing(LAST_ERRORS)).add(error);
    }

    /** The counters of {@code tool}'s series, or of its server's {@code other} past the bounds. */
    private ServerCalls toolCalls(String server, String tool) {
        ServerTools serverTools = tools.computeIfAbsent(server, name -> new ServerTools());
        String label = cut(tool, MAX_TOOL_LABEL);
        ServerCalls counters = serverTools.tools.get(label);
        if (counters != null) {
            return counters;
        }
        counters = serverTools.tools.computeIfAbsent(label, name -> admitted(serverTools) ? new ServerCalls() : null);
        return counters != null ? counters : serverTools.tools.computeIfAbsent(OTHER_TOOL, name -> new ServerCalls());
    }

    /** Takes a place for a new tool's series under both bounds, or none. */
    private boolean admitted(ServerTools serverTools) {
        if (serverTools.named.incrementAndGet() > MAX_TOOLS_PER_SERVER) {
            serverTools.named.decrementAndGet();
            return false;
        }
        if (toolSeries.incrementAndGet() > MAX_TOOL_SERIES) {
            toolSeries.decrementAndGet();
            serverTools.named.decrementAndGet();
            return false;
        }
        return true;
    }

    /** {@code value} cut to {@code max} characters, never between the two halves of a surrogate pair. */
    private static String cut(String value, int max) {
        if (value.length() <= max) {
            return value;
        }
        int end = Character.isLowSurrogate(value.charAt(max)) ? max - 1 : max;
        return value.substring(0, end);
    }

    private static String firstText(JsonNode result) {
        for (JsonNode content : result.path("content")) {
            if (content.path("type").asText().equals("text")) {
                return content.path("text").asText();
            }
        }
        return "the tool's result is flagged isError";
    }

    /** Each tool's figures at {@code server}, by name ({@link #OTHER_TOOL} among them when calls were folded). */
    public List<ToolFigures> toolFigures(String server) {
        ServerTools serverTools = tools.get(server);
        if (serverTools == null) {
            return List.of();
        }
        List<ToolFigures> figures = new ArrayList<>();
        serverTools.tools.forEach((tool, counters) -> figures.add(new ToolFigures(tool, counters.calls.sum(),
                counters.errors.sum(), counters.latency.quantile(0.5), counters.latency.quantile(0.99))));
        figures.sort(Comparator.comparing(ToolFigures::tool));
        return figures;
    }

    /** The last {@link #LAST_ERRORS} calls to {@code server} that ended in an error, oldest first. */
    public List<CallError> lastErrors(String server) {
        ErrorRing ring = errors.get(server);
        return ring == null ? List.of() : ring.recent();
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
        out.family("zeroclaw_gateway_tool_calls_total", "counter", "tools/call requests per server and tool (the tool's own name; "
                + "past " + MAX_TOOLS_PER_SERVER + " tools per server or " + MAX_TOOL_SERIES + " in all, tool=\"other\").");
        tools.forEach((server, serverTools) -> serverTools.tools.forEach((tool, counters) ->
                out.sample("zeroclaw_gateway_tool_calls_total", toolLabels(server, tool), counters.calls.sum())));
        out.family("zeroclaw_gateway_tool_call_errors_total", "counter",
                "tools/call requests per server and tool answered with an MCP error or with a result flagged isError.");
        tools.forEach((server, serverTools) -> serverTools.tools.forEach((tool, counters) ->
                out.sample("zeroclaw_gateway_tool_call_errors_total", toolLabels(server, tool), counters.errors.sum())));
        out.family("zeroclaw_gateway_tool_call_duration_seconds", "histogram", "Latency of tools/call requests per server and tool, at the gateway.");
        tools.forEach((server, serverTools) -> serverTools.tools.forEach((tool, counters) ->
                counters.latency.write(out, "zeroclaw_gateway_tool_call_duration_seconds", toolLabels(server, tool))));
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

    private static String toolLabels(String server, String tool) {
        return label("server", server) + "," + label("tool", tool);
    }
}
