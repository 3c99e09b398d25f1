package dev.zeroclaw.benchmarks.toml;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where each library puts an MCP server's {@code headers}: on the {@code [[mcp.servers]]} element
 * they were written under (correct), or somewhere else. Upstream ZeroClaw's users write both the
 * inline form and the sub-table form.
 */
public final class HeadersPlacementCheck {

    /** One way of writing headers, with the document it must give. */
    private record Form(String name, String toml, Map<String, Object> expected) {}

    private static final String MCP = "[mcp]\nenabled = true\n\n";

    private static final List<Form> FORMS = List.of(
            new Form("inline, file starts at [[mcp.servers]]",
                    inline("remote", "Bearer x"),
                    servers(server("remote", "Bearer x"))),
            new Form("inline, two servers after [mcp]",
                    MCP + inline("one", "Bearer a") + "\n" + inline("two", "Bearer b"),
                    enabled(servers(server("one", "Bearer a"), server("two", "Bearer b")))),
            new Form("inline, two servers, file starts at [[mcp.servers]]",
                    inline("one", "Bearer a") + "\n" + inline("two", "Bearer b"),
                    servers(server("one", "Bearer a"), server("two", "Bearer b"))),
            new Form("sub-table on the last of two servers",
                    "[[mcp.servers]]\nname = \"fs\"\n\n" + subTable("remote", "Bearer x"),
                    servers(Map.of("name", "fs"), server("remote", "Bearer x"))),
            new Form("sub-table on each of two servers",
                    subTable("one", "Bearer a") + "\n" + subTable("two", "Bearer b"),
                    servers(server("one", "Bearer a"), server("two", "Bearer b"))));

    private final GuardedParser guard;

    public HeadersPlacementCheck(GuardedParser guard) {
        this.guard = requireNonNull(guard, "guard is null");
    }

    /** A table (form × library) of ok / rejected / moved / wrong, then one line per non-ok cell. */
    public String report(List<CandidateParser> parsers) {
        TextTable table = new TextTable(header(parsers));
        List<String> details = new ArrayList<>();
        for (Form form : FORMS) {
            List<String> row = new ArrayList<>();
            row.add(form.name());
            for (CandidateParser parser : parsers) {
                ParseAttempt attempt = guard.parse(parser, form.toml());
                String cell = cell(form, attempt);
                row.add(cell);
                if (!cell.equals("ok")) {
                    details.add("  " + parser.name() + ", " + form.name() + ": " + detail(form, attempt));
                }
            }
            table.add(row);
        }
        StringBuilder report = new StringBuilder(table.render());
        details.forEach(line -> report.append(line).append('\n'));
        return report.toString();
    }

    private static List<String> header(List<CandidateParser> parsers) {
        List<String> header = new ArrayList<>();
        header.add("headers written as");
        parsers.forEach(parser -> header.add(parser.name()));
        return header;
    }

    private static String cell(Form form, ParseAttempt attempt) {
        switch (attempt.outcome()) {
            case REJECTED:
                return "rejected";
            case CRASHED:
                return "crashed";
            case TIMED_OUT:
                return "timed out";
            default:
                if (DocumentDifference.between(form.expected(), attempt.document()).isEmpty()) {
                    return "ok";
                }
                return ((Map<?, ?>) attempt.document()).containsKey("headers") ? "moved to root" : "wrong";
        }
    }

    private static String detail(Form form, ParseAttempt attempt) {
        if (attempt.outcome() != ParseAttempt.Outcome.PARSED) {
            return attempt.detail();
        }
        return DocumentDifference.between(form.expected(), attempt.document()).orElse("");
    }

    private static String inline(String name, String authorization) {
        return "[[mcp.servers]]\n"
                + "name = \"" + name + "\"\n"
                + "url = \"https://mcp.example.com/mcp\"\n"
                + "headers = {\"Authorization\" = \"" + authorization + "\"}\n";
    }

    private static String subTable(String name, String authorization) {
        return "[[mcp.servers]]\n"
                + "name = \"" + name + "\"\n"
                + "url = \"https://mcp.example.com/mcp\"\n"
                + "[mcp.servers.headers]\n"
                + "Authorization = \"" + authorization + "\"\n";
    }

    private static Map<String, Object> server(String name, String authorization) {
        Map<String, Object> server = new LinkedHashMap<>();
        server.put("name", name);
        server.put("url", "https://mcp.example.com/mcp");
        server.put("headers", Map.of("Authorization", authorization));
        return server;
    }

    @SafeVarargs
    private static Map<String, Object> servers(Map<String, Object>... servers) {
        List<Object> list = new ArrayList<>(servers.length);
        for (Map<String, Object> server : servers) {
            list.add(server);
        }
        return Map.of("mcp", Map.of("servers", list));
    }

    private static Map<String, Object> enabled(Map<String, Object> document) {
        @SuppressWarnings("unchecked")
        Map<String, Object> mcp = new LinkedHashMap<>((Map<String, Object>) document.get("mcp"));
        mcp.put("enabled", true);
        return Map.of("mcp", mcp);
    }
}
