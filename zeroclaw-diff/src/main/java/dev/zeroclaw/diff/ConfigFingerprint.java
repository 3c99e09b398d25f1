package dev.zeroclaw.diff;

import dev.zeroclaw.api.McpBundle;
import dev.zeroclaw.api.McpConfig;
import dev.zeroclaw.api.ServerSpec;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The servers a configuration runs, by name and in file order, each with its launch hash.
 *
 * <p>Only runnable servers take part: a server with {@code enabled = false}, or every server when
 * {@code mcp.enabled = false}, is absent, so disabling one reads as its removal.
 */
public final class ConfigFingerprint {

    private final Map<String, ServerFingerprint> servers;
    private final List<McpBundle> bundles;

    private ConfigFingerprint(Map<String, ServerFingerprint> servers, List<McpBundle> bundles) {
        this.servers = Collections.unmodifiableMap(servers);
        this.bundles = List.copyOf(bundles);
    }

    public static ConfigFingerprint of(McpConfig config) {
        return ofServers(config.runnableServers()).withBundles(config.bundles());
    }

    private ConfigFingerprint withBundles(List<McpBundle> bundles) {
        return new ConfigFingerprint(servers, bundles);
    }

    public static ConfigFingerprint ofServers(Collection<ServerSpec> runnable) {
        Map<String, ServerFingerprint> byName = new LinkedHashMap<>();
        for (ServerSpec spec : runnable) {
            if (byName.putIfAbsent(spec.name(), ServerFingerprint.of(spec)) != null) {
                throw new IllegalArgumentException("duplicate server name: " + spec.name());
            }
        }
        return new ConfigFingerprint(byName, List.of());
    }

    /** The bundles, in file order (their tokens compared by value, never shown). */
    public List<McpBundle> bundles() {
        return bundles;
    }

    /** Servers by name, in file order. */
    public Map<String, ServerFingerprint> servers() {
        return servers;
    }
}
