package dev.zeroclaw.benchmarks.toml;

import static java.util.Objects.requireNonNull;

import dev.zeroclaw.benchmarks.SyntheticConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Whether each library reads {@link SyntheticConfig} as written; a benchmark of a library that
 * rejects or misreads the file would time the wrong thing. The expected document is built here
 * from the generator's rules, not from any library's output.
 */
public final class SyntheticConfigCheck {

    private final GuardedParser guard;

    public SyntheticConfigCheck(GuardedParser guard) {
        this.guard = requireNonNull(guard, "guard is null");
    }

    /** One line per library: {@code ok}, or how it went wrong. */
    public String report(List<CandidateParser> parsers, int servers) {
        String toml = SyntheticConfig.render(servers);
        Map<String, Object> expected = expected(servers);
        TextTable table = new TextTable(List.of("library", "SyntheticConfig.render(" + servers + ")"));
        for (CandidateParser parser : parsers) {
            ParseAttempt attempt = guard.parse(parser, toml);
            String result = attempt.outcome() == ParseAttempt.Outcome.PARSED
                    ? DocumentDifference.between(expected, attempt.document()).map(d -> "wrong: " + d).orElse("ok")
                    : attempt.outcome().name().toLowerCase(Locale.ROOT) + ": " + attempt.detail();
            table.add(List.of(parser.name(), result));
        }
        return table.render();
    }

    private static Map<String, Object> expected(int servers) {
        List<Object> list = new ArrayList<>(servers);
        for (int number = 0; number < servers; number++) {
            list.add(server(number));
        }
        Map<String, Object> mcp = new LinkedHashMap<>();
        mcp.put("enabled", true);
        mcp.put("servers", list);
        return Map.of("mcp", mcp);
    }

    private static Map<String, Object> server(int number) {
        Map<String, Object> server = new LinkedHashMap<>();
        server.put("name", SyntheticConfig.serverName(number));
        if (SyntheticConfig.isRemote(number)) {
            server.put("transport", "http");
            server.put("url", "https://mcp.example.com/" + number + "/mcp");
            server.put("command", "");
            server.put("headers", Map.of("Authorization", "Bearer key-" + number));
        } else {
            server.put("transport", "stdio");
            server.put("command", "npx");
            server.put("args", List.of("-y", "@modelcontextprotocol/server-filesystem", "/srv/data/" + number));
            // Ordered, so that the first difference reported is the same on every run.
            Map<String, Object> env = new LinkedHashMap<>();
            env.put("API_KEY", "key-" + number);
            env.put("LOG_LEVEL", "info");
            server.put("env", env);
        }
        server.put("tool_timeout_secs", 180L);
        return server;
    }
}
