package dev.zeroclaw.benchmarks.reload;

import static java.util.Objects.requireNonNull;

import dev.zeroclaw.benchmarks.SyntheticConfig;
import java.util.List;
import java.util.Set;

/**
 * A {@code config.toml} of servers that all run the same MCP server, for the benchmarks that start
 * a daemon, and its two kinds of edit: a live setting changed ({@link #renderRetimed}) and a
 * launch setting changed ({@link #renderRelaunched}).
 *
 * <p>Servers are numbered from 0 and named as {@link SyntheticConfig#serverName} names them. Each
 * entry has the shape of a real stdio entry (command, args, an inline {@code env} table, timeouts),
 * so parsing it costs what parsing a real one does. Rendering is a pure function of the arguments:
 * rendering the same version twice gives the same bytes, hence the same file hash.
 *
 * @param transport every server's {@code transport}
 * @param command every server's {@code command}
 * @param args every server's {@code args}
 * @param servers how many servers
 */
public record FleetConfig(String transport, String command, List<String> args, int servers) {

    static final int TOOL_TIMEOUT_SECS = 180;
    static final int RETIMED_TOOL_TIMEOUT_SECS = 181;
    // Generous: a hundred processes starting at once on two busy cores must not time out.
    static final int STARTUP_TIMEOUT_SECS = 120;

    public FleetConfig {
        requireNonNull(transport, "transport is null");
        requireNonNull(command, "command is null");
        args = List.copyOf(args);
        if (servers < 1) {
            throw new IllegalArgumentException("servers must be at least 1: " + servers);
        }
    }

    /** Every server as first configured. */
    public String render() {
        return render(Set.of(), Set.of());
    }

    /**
     * As {@link #render()}, but the given servers have another {@code tool_timeout_secs}: a reload
     * from one to the other updates them live and restarts nothing.
     */
    public String renderRetimed(Set<Integer> retimed) {
        return render(retimed, Set.of());
    }

    /**
     * As {@link #render()}, but the given servers have another value in {@code env}: a reload from
     * one to the other restarts exactly them.
     */
    public String renderRelaunched(Set<Integer> relaunched) {
        return render(Set.of(), relaunched);
    }

    private String render(Set<Integer> retimed, Set<Integer> relaunched) {
        StringBuilder toml = new StringBuilder(servers * 300 + 64);
        toml.append("[mcp]\n").append("enabled = true\n");
        for (int number = 0; number < servers; number++) {
            toml.append('\n')
                    .append("[[mcp.servers]]\n")
                    .append("name = \"").append(SyntheticConfig.serverName(number)).append("\"\n")
                    .append("transport = ").append(quoted(transport)).append('\n')
                    .append("command = ").append(quoted(command)).append('\n')
                    .append("args = [");
            for (int i = 0; i < args.size(); i++) {
                toml.append(i == 0 ? "" : ", ").append(quoted(args.get(i)));
            }
            toml.append("]\n")
                    .append("env = { \"FLEET_GENERATION\" = \"").append(relaunched.contains(number) ? 2 : 1)
                    .append("\", \"LOG_LEVEL\" = \"info\" }\n")
                    .append("tool_timeout_secs = ")
                    .append(retimed.contains(number) ? RETIMED_TOOL_TIMEOUT_SECS : TOOL_TIMEOUT_SECS).append('\n')
                    .append("startup_timeout_secs = ").append(STARTUP_TIMEOUT_SECS).append('\n');
        }
        return toml.toString();
    }

    /** A TOML basic string. */
    private static String quoted(String value) {
        return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
