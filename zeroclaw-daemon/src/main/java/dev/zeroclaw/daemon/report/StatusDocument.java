package dev.zeroclaw.daemon.report;

import dev.zeroclaw.api.ExposedNames;
import dev.zeroclaw.supervisor.ServerStatus;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The status document of DESIGN.md; scripts read it, so keys stay stable. Never a secret. */
public final class StatusDocument {

    private StatusDocument() {}

    /**
     * @param tools what clients see: before each server's tools ({@code prefix}: {@code github_com}
     *     for {@code github.com}) and for each tool renamed to fit ({@code renamed})
     */
    public static Map<String, Object> of(long pid, String config, String configSha256, long uptimeMs, List<ServerStatus> servers,
            ExposedNames tools) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("ok", true);
        document.put("pid", pid);
        document.put("config", config);
        document.put("config_sha256", configSha256);
        document.put("uptime_ms", uptimeMs);
        document.put("servers", servers.stream().map(status -> server(status, tools)).toList());
        return document;
    }

    private static Map<String, Object> server(ServerStatus status, ExposedNames tools) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("name", status.name());
        entry.put("prefix", tools.prefixes().prefix(status.name()));
        entry.put("transport", status.transport());
        entry.put("state", status.state().name());
        entry.put("pid", status.pid().isPresent() ? status.pid().getAsLong() : null);
        entry.put("uptime_ms", status.uptimeMs());
        entry.put("restarts", status.restarts());
        entry.put("replacements", status.replacements());
        entry.put("tools", status.tools());
        entry.put("renamed", tools.renamed(status.name()).entrySet().stream()
                .map(renamed -> {
                    Map<String, Object> pair = new LinkedHashMap<>();
                    pair.put("exposed", renamed.getKey());
                    pair.put("original", renamed.getValue());
                    return pair;
                }).toList());
        entry.put("last_error", status.lastError());
        return entry;
    }
}
