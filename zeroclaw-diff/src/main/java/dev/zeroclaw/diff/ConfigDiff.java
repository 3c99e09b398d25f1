package dev.zeroclaw.diff;

import dev.zeroclaw.api.ServerSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/** The per-server plan between the running configuration and a new one. Pure; no I/O. */
public final class ConfigDiff {

    private ConfigDiff() {}

    /**
     * Classifies every server. Names match exactly, so a rename is a removal plus an addition.
     * Lists follow the new file's order ({@code removed}: the running file's order).
     */
    public static ReloadPlan between(ConfigFingerprint running, ConfigFingerprint next) {
        Map<String, ServerFingerprint> before = running.servers();
        Map<String, ServerFingerprint> after = next.servers();
        List<String> added = new ArrayList<>();
        List<ServerChange> restart = new ArrayList<>();
        List<ServerChange> update = new ArrayList<>();
        List<String> unchanged = new ArrayList<>();
        for (ServerFingerprint now : after.values()) {
            ServerFingerprint old = before.get(now.name());
            if (old == null) {
                added.add(now.name());
            } else if (!old.sameLaunch(now)) {
                List<String> fields = launchFieldsChanged(old.spec(), now.spec());
                fields.addAll(liveFieldsChanged(old.spec(), now.spec()));
                restart.add(new ServerChange(now.name(), fields));
            } else if (old.sameLive(now)) {
                unchanged.add(now.name());
            } else {
                update.add(new ServerChange(now.name(), liveFieldsChanged(old.spec(), now.spec())));
            }
        }
        List<String> removed = new ArrayList<>();
        for (String name : before.keySet()) {
            if (!after.containsKey(name)) {
                removed.add(name);
            }
        }
        return new ReloadPlan(added, removed, restart, update, unchanged,
                BundleChanges.between(running.bundles(), next.bundles()));
    }

    /** Config keys of the launch settings that differ; maps are reported per key. */
    static List<String> launchFieldsChanged(ServerSpec old, ServerSpec now) {
        List<String> fields = new ArrayList<>();
        compare(fields, "transport", old.transport(), now.transport());
        compare(fields, "command", old.command(), now.command());
        compare(fields, "args", old.args(), now.args());
        compareMap(fields, "env", old.env(), now.env());
        compare(fields, "url", old.url(), now.url());
        compareMap(fields, "headers", old.headers(), now.headers());
        compare(fields, "cwd", old.cwd(), now.cwd());
        compare(fields, "tls_ca_cert_path", old.tlsCaCertPath(), now.tlsCaCertPath());
        compareMap(fields, "options", old.options().values(), now.options().values());
        compare(fields, "oauth_client_id", old.oauth().clientId(), now.oauth().clientId());
        compare(fields, "oauth_client_secret", old.oauth().clientSecret(), now.oauth().clientSecret());
        compare(fields, "oauth_grant", old.oauth().grant(), now.oauth().grant());
        compare(fields, "oauth_scopes", old.oauth().scopes(), now.oauth().scopes());
        compare(fields, "oauth_client_metadata_url", old.oauth().clientMetadataUrl(), now.oauth().clientMetadataUrl());
        compare(fields, "oauth_client_key", old.oauth().clientKey(), now.oauth().clientKey());
        compare(fields, "oauth_client_key_id", old.oauth().clientKeyId(), now.oauth().clientKeyId());
        return fields;
    }

    /** Config keys of the settings a running server takes without a restart. */
    static List<String> liveFieldsChanged(ServerSpec old, ServerSpec now) {
        List<String> fields = new ArrayList<>();
        compare(fields, "tool_timeout_secs", old.toolTimeoutSecs(), now.toolTimeoutSecs());
        compare(fields, "startup_timeout_secs", old.startupTimeoutSecs(), now.startupTimeoutSecs());
        compare(fields, "stop_timeout_secs", old.stopTimeoutSecs(), now.stopTimeoutSecs());
        compare(fields, "restart", old.restart(), now.restart());
        compare(fields, "restart_strategy", old.restartStrategy(), now.restartStrategy());
        compare(fields, "pinned_resources", old.pinnedResources(), now.pinnedResources());
        compare(fields, "allowed_tools", old.toolFilter().allowed(), now.toolFilter().allowed());
        compare(fields, "excluded_tools", old.toolFilter().excluded(), now.toolFilter().excluded());
        compare(fields, "max_result_bytes", old.maxResultBytes(), now.maxResultBytes());
        compare(fields, "pin_tools", old.pinTools(), now.pinTools());
        compare(fields, "tool_prefix", old.toolPrefix(), now.toolPrefix());
        return fields;
    }

    private static void compare(List<String> fields, String key, Object old, Object now) {
        if (!Objects.equals(old, now)) {
            fields.add(key);
        }
    }

    private static void compareMap(
            List<String> fields, String key, Map<String, ?> old, Map<String, ?> now) {
        if (old.equals(now)) {
            return;
        }
        TreeSet<String> keys = new TreeSet<>(old.keySet());
        keys.addAll(now.keySet());
        for (String entry : keys) {
            if (!Objects.equals(old.get(entry), now.get(entry))) {
                fields.add(key + "." + entry);
            }
        }
    }
}
