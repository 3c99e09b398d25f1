package dev.zeroclaw.api;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * A whole, validated configuration: the daemon settings, the servers in file order and the
 * bundles ({@code [mcp_bundles.<alias>]}) in file order.
 *
 * <p>Immutable. A reload builds a new one; the running one is replaced, never changed.
 *
 * @param settings the {@code [mcp]} settings
 * @param servers every server entry, enabled or not, in the order of the file; names are unique
 *     ignoring case
 * @param bundles the bundles, aliases unique
 */
public record McpConfig(DaemonSettings settings, List<ServerSpec> servers, List<McpBundle> bundles) {

    public McpConfig {
        requireNonNull(settings, "settings is null");
        servers = List.copyOf(servers);
        bundles = List.copyOf(bundles);
    }

    /** A configuration without bundles. */
    public McpConfig(DaemonSettings settings, List<ServerSpec> servers) {
        this(settings, servers, List.of());
    }

    /** The bundle of that alias. */
    public Optional<McpBundle> bundle(String alias) {
        return bundles.stream().filter(b -> b.alias().equals(alias)).findFirst();
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
