package dev.zeroclaw.api;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * A whole, validated configuration: the daemon settings and the servers in file order.
 *
 * <p>Immutable. A reload builds a new one; the running one is replaced, never changed.
 *
 * @param settings the {@code [mcp]} settings
 * @param servers every server entry, enabled or not, in the order of the file; names are unique
 *     ignoring case
 */
public record McpConfig(DaemonSettings settings, List<ServerSpec> servers) {

    public McpConfig {
        requireNonNull(settings, "settings is null");
        servers = List.copyOf(servers);
    }

    /** The servers the daemon should run: none when {@code mcp.enabled = false}, else the enabled ones. */
    public List<ServerSpec> runnableServers() {
        if (!settings.enabled()) {
            return List.of();
        }
        return servers.stream().filter(ServerSpec::enabled).toList();
    }

    /** The server of that exact name. */
    public Optional<ServerSpec> server(String name) {
        return servers.stream().filter(s -> s.name().equals(name)).findFirst();
    }
}
