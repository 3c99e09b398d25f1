package dev.zeroclaw.daemon.report;

import java.util.ArrayList;
import java.util.List;

/** The document of {@code zeroclaw status <server>} for a terminal: its status line, tools, last errors and starts. */
public final class ServerStatusText {

    private static final String[] TOOL_HEADINGS = {"EXPOSED", "NAME", "CALLS", "ERRORS", "P50", "P99"};

    private ServerStatusText() {}

    public static String render(JsonTree document) {
        StringBuilder out = new StringBuilder();
        StatusTable.server(document.path("server"), out);
        out.append('\n');
        List<String[]> rows = new ArrayList<>();
        rows.add(TOOL_HEADINGS);
        for (JsonTree tool : document.path("tools")) {
            rows.add(new String[] {
                tool.path("exposed").asText("-"),
                tool.path("name").asText(),
                tool.path("calls").asText(),
                tool.path("errors").asText(),
                milliseconds(tool.path("p50_ms")),
                milliseconds(tool.path("p99_ms"))
            });
        }
        if (rows.size() == 1) {
            out.append("no tools offered or called\n");
        } else {
            out.append("tools (latency estimated from the /metrics histogram's buckets):\n");
            StatusTable.columns(rows, out);
        }
        out.append('\n');
        if (document.path("last_errors").isEmpty()) {
            out.append("no failed calls\n");
        } else {
            out.append("last errors, oldest first:\n");
            for (JsonTree error : document.path("last_errors")) {
                out.append(error.path("time").asText()).append(' ').append(error.path("method").asText());
                if (!error.path("tool").isNull()) {
                    out.append(' ').append(error.path("tool").asText());
                }
                out.append(' ').append(error.path("code").isNull() ? "isError" : error.path("code").asText()).append(": ")
                        .append(error.path("message").asText()).append('\n');
            }
        }
        out.append('\n');
        if (document.path("starts").isEmpty()) {
            out.append("no starts recorded\n");
        } else {
            out.append("starts, oldest first:\n");
            for (JsonTree start : document.path("starts")) {
                out.append(start.path("time").asText()).append(" instance ").append(start.path("instance").asText())
                        .append(" pid ").append(start.path("pid").asText("-")).append(": ").append(start.path("reason").asText())
                        .append('\n');
            }
        }
        return out.toString();
    }

    private static String milliseconds(JsonTree value) {
        return value.isNull() || value.isMissing() ? "-" : new StringBuilder().append(value.asText()).append(" ms").toString();
    }
}
