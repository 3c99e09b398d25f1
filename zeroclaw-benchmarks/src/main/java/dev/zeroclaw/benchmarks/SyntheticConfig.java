package dev.zeroclaw.benchmarks;

import static java.util.Objects.requireNonNull;

import java.util.Set;

/**
 * A realistic {@code config.toml} in upstream ZeroClaw's form, of any size, for the benchmarks.
 *
 * <p>Servers are numbered from 0 and named {@code server-00042}. Most are stdio servers running
 * {@code npx}; every tenth (9, 19, 29, …) is a remote {@code http} server whose headers are
 * written as a {@code [mcp.servers.headers]} sub-table, the form that trips some parsers. Both
 * kinds carry an inline {@code env} table with quoted keys.
 *
 * <p>The output is a pure function of the arguments, so two renders can be diffed and hashed.
 */
public final class SyntheticConfig {

    private SyntheticConfig() {}

    /** The configuration of {@code servers} servers. */
    public static String render(int servers) {
        return render(servers, Set.of());
    }

    /**
     * The configuration of {@code servers} servers where each server whose number is in
     * {@code changed} has a different secret ({@code API_KEY = "key-42-v2"} in {@code env}, or the
     * bearer token in {@code headers} of a remote one), as after an edit.
     */
    public static String render(int servers, Set<Integer> changed) {
        if (servers < 0) {
            throw new IllegalArgumentException("servers must not be negative: " + servers);
        }
        requireNonNull(changed, "changed is null");
        StringBuilder toml = new StringBuilder(servers * 260 + 64);
        toml.append("[mcp]\n")
                .append("enabled = true\n");
        for (int number = 0; number < servers; number++) {
            appendServer(toml, number, changed.contains(number));
        }
        return toml.toString();
    }

    /** The name of server {@code number}, as {@link #render} writes it. */
    public static String serverName(int number) {
        return String.format("server-%05d", number);
    }

    /** Whether server {@code number} is a remote {@code http} server rather than a stdio one. */
    public static boolean isRemote(int number) {
        return number % 10 == 9;
    }

    private static void appendServer(StringBuilder toml, int number, boolean changed) {
        String apiKey = changed ? "key-" + number + "-v2" : "key-" + number;
        toml.append('\n')
                .append("[[mcp.servers]]\n")
                .append("name = \"").append(serverName(number)).append("\"\n");
        if (isRemote(number)) {
            toml.append("transport = \"http\"\n")
                    .append("url = \"https://mcp.example.com/").append(number).append("/mcp\"\n")
                    .append("command = \"\"\n");
        } else {
            toml.append("transport = \"stdio\"\n")
                    .append("command = \"npx\"\n")
                    .append("args = [\"-y\", \"@modelcontextprotocol/server-filesystem\", \"/srv/data/")
                    .append(number).append("\"]\n");
        }
        toml.append("tool_timeout_secs = 180\n");
        if (isRemote(number)) {
            // A sub-table ends the element: every key after it would belong to the headers.
            toml.append("[mcp.servers.headers]\n")
                    .append("Authorization = \"Bearer ").append(apiKey).append("\"\n");
        } else {
            toml.append("env = { \"API_KEY\" = \"").append(apiKey).append("\", \"LOG_LEVEL\" = \"info\" }\n");
        }
    }
}
