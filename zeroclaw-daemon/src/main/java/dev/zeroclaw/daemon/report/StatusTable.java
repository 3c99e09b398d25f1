package dev.zeroclaw.daemon.report;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A status document as a terminal table. */
public final class StatusTable {

    private static final String[] HEADINGS = {"NAME", "TRANSPORT", "STATE", "PID", "UPTIME", "RESTARTS", "REPLACED", "TOOLS",
        "LAST ERROR"};

    private StatusTable() {}

    public static String render(JsonTree status) {
        StringBuilder out = new StringBuilder()
                .append("zeroclaw pid ").append(status.path("pid").asLong())
                .append(", up ").append(duration(status.path("uptime_ms").asLong()))
                .append(", config ").append(status.path("config").asText())
                .append(" (sha256 ").append(abbreviate(status.path("config_sha256").asText())).append(")\n");
        gateway(status.path("gateway"), out);
        for (JsonTree bundle : status.path("bundles")) {
            List<String> servers = new ArrayList<>();
            for (JsonTree server : bundle.path("servers")) {
                servers.add(server.asText());
            }
            out.append("bundle ").append(bundle.path("alias").asText()).append(" /mcp/").append(bundle.path("alias").asText())
                    .append(": ").append(servers.isEmpty() ? "no servers" : String.join(", ", servers)).append(", ")
                    .append(bundle.path("sessions").asInt()).append(" sessions\n");
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(HEADINGS);
        for (JsonTree server : status.path("servers")) {
            rows.add(row(server));
        }
        if (rows.size() == 1) {
            return out.append("no servers configured\n").toString();
        }
        columns(rows, out);
        for (JsonTree server : status.path("servers")) {
            pins(server, out);
        }
        for (JsonTree server : status.path("servers")) {
            lastStderr(server, out);
        }
        toolDefinitions(status.path("tool_definitions"), out);
        return out.toString();
    }

    /** One server's line of the table, under the headings, and its last stderr line when it failed ({@code status <server>}). */
    static void server(JsonTree server, StringBuilder out) {
        List<String[]> rows = new ArrayList<>();
        rows.add(HEADINGS);
        rows.add(row(server));
        columns(rows, out);
        lastStderr(server, out);
    }

    private static String[] row(JsonTree server) {
        boolean serving = !server.path("pid").isNull() || server.path("uptime_ms").asLong() > 0;
        return new String[] {
            server.path("name").asText(),
            server.path("transport").asText(),
            server.path("state").asText(),
            server.path("pid").isNull() ? "-" : server.path("pid").asText(),
            serving ? duration(server.path("uptime_ms").asLong()) : "-",
            server.path("restarts").asText(),
            server.path("replacements").asText("0"),
            server.path("tools").asText(),
            server.path("last_error").isNull() ? "-" : server.path("last_error").asText()
        };
    }

    /** {@code rows} as columns, each padded to its widest cell but the last. */
    static void columns(List<String[]> rows, StringBuilder out) {
        int[] widths = new int[rows.get(0).length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length - 1; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                line.append(row[i]);
                if (i < row.length - 1) {
                    // padded to the column's width, then two spaces (String.format would load the regex engine)
                    line.append(" ".repeat(widths[i] - row[i].length() + 2));
                }
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
    }

    /** Under the table, a failed (or backing off) server's last stderr line: often the reason in its own words. */
    private static void lastStderr(JsonTree server, StringBuilder out) {
        JsonTree last = server.path("last_stderr");
        if (last.isMissing() || last.isNull()) {
            return;
        }
        out.append("stderr ").append(server.path("name").asText()).append(" (").append(last.path("time").asText())
                .append("): ").append(last.path("line").asText()).append('\n');
    }

    /** What the servers' tool definitions cost a client, and what a deferred client's list costs instead. */
    private static void toolDefinitions(JsonTree sizes, StringBuilder out) {
        if (sizes.isMissing() || sizes.isNull()) {
            return;
        }
        JsonTree deferred = sizes.path("deferred");
        out.append("tool definitions ").append(sizes.path("tools").asLong()).append(" tools, ")
                .append(sizes.path("bytes").asLong()).append(" bytes (~").append(sizes.path("tokens_estimate").asLong())
                .append(" tokens); deferred_loading ").append(sizes.path("deferred_loading").asBoolean() ? "on" : "off")
                .append(", a deferred list ").append(deferred.path("bytes").asLong()).append(" bytes (~")
                .append(deferred.path("tokens_estimate").asLong()).append(" tokens)\n");
    }

    /** One line per server whose tools differ from their pins ({@code pin_tools}). */
    private static void pins(JsonTree server, StringBuilder out) {
        JsonTree pins = server.path("pins");
        if (pins.isMissing() || (pins.path("changed").isEmpty() && pins.path("added").isEmpty() && pins.path("removed").isEmpty())) {
            return;
        }
        String name = server.path("name").asText();
        out.append("pins ").append(name).append(':');
        for (String change : new String[] {"changed", "added", "removed"}) {
            if (!pins.path(change).isEmpty()) {
                out.append(' ').append(change).append('=');
                boolean first = true;
                for (JsonTree tool : pins.path(change)) {
                    out.append(first ? "" : ",").append(tool.asText());
                    first = false;
                }
            }
        }
        if (pins.path("mode").asText().equals("block")) {
            out.append(" (withheld from clients until: zeroclaw tools approve ").append(name).append(')');
        }
        out.append('\n');
    }

    /** One line for the endpoint and its sessions, one for the calls it routed per server. */
    private static void gateway(JsonTree gateway, StringBuilder out) {
        if (gateway.isMissing() || gateway.isNull()) {
            return;
        }
        out.append("gateway ");
        if (!gateway.path("error").isNull() && !gateway.path("error").isMissing()) {
            out.append("NOT LISTENING: ").append(gateway.path("error").asText()).append('\n');
        } else {
            out.append(gateway.path("url").asText()).append(" (auth ").append(gateway.path("auth").asText()).append("), ")
                    .append(gateway.path("sessions").asInt()).append(" sessions, ")
                    .append(gateway.path("streams").asInt()).append(" notification streams\n");
        }
        if (gateway.path("calls").size() > 0) {
            out.append("calls");
            for (Map.Entry<String, JsonTree> entry : gateway.path("calls").fields().entrySet()) {
                out.append(' ').append(entry.getKey()).append('=').append(entry.getValue().path("calls").asLong()).append(" (")
                        .append(entry.getValue().path("errors").asLong()).append(" errors)");
            }
            out.append('\n');
        }
    }

    static String duration(long millis) {
        // A StringBuilder, not +: the client path runs this once, and the first string concatenation costs
        // more than the whole table (docs/benchmarks.md, "Client commands").
        Duration d = Duration.ofMillis(millis);
        StringBuilder out = new StringBuilder();
        if (d.toHours() > 0) {
            return out.append(d.toHours()).append('h').append(d.toMinutesPart()).append('m').toString();
        }
        if (d.toMinutes() > 0) {
            return out.append(d.toMinutes()).append('m').append(d.toSecondsPart()).append('s').toString();
        }
        return out.append(d.toSeconds()).append('s').toString();
    }

    private static String abbreviate(String sha256) {
        return sha256.length() > 12 ? sha256.substring(0, 12) : sha256;
    }
}
