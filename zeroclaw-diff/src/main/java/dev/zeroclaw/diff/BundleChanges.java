package dev.zeroclaw.diff;

import dev.zeroclaw.api.McpBundle;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What a reload changes in the bundles ({@code [mcp_bundles.<alias>]}). A bundle change is never
 * a server restart: the gateway applies it live, to the sessions of the bundles named here.
 *
 * @param added aliases in the new configuration only
 * @param removed aliases in the running configuration only
 * @param changed bundles in both whose keys differ (the change's name is the alias), with the keys ({@code servers}, {@code exclude},
 *     {@code tools}, {@code auth_token_env} also for a new token value, {@code deferred_loading})
 */
public record BundleChanges(List<String> added, List<String> removed, List<ServerChange> changed) {

    public static final BundleChanges NONE = new BundleChanges(List.of(), List.of(), List.of());

    public BundleChanges {
        added = List.copyOf(added);
        removed = List.copyOf(removed);
        changed = List.copyOf(changed);
    }

    /** Classifies every bundle of either list by alias; lists follow the new order ({@code removed}: the old). */
    public static BundleChanges between(List<McpBundle> running, List<McpBundle> next) {
        Map<String, McpBundle> before = running.stream().collect(Collectors.toMap(McpBundle::alias, Function.identity()));
        Map<String, McpBundle> after = next.stream().collect(Collectors.toMap(McpBundle::alias, Function.identity()));
        List<String> added = new ArrayList<>();
        List<ServerChange> changed = new ArrayList<>();
        for (McpBundle now : next) {
            McpBundle old = before.get(now.alias());
            if (old == null) {
                added.add(now.alias());
            } else if (!old.equals(now)) {
                changed.add(new ServerChange(now.alias(), fields(old, now)));
            }
        }
        List<String> removed = running.stream().map(McpBundle::alias).filter(alias -> !after.containsKey(alias)).toList();
        return new BundleChanges(added, removed, changed);
    }

    private static List<String> fields(McpBundle old, McpBundle now) {
        List<String> fields = new ArrayList<>();
        compare(fields, "servers", old.servers(), now.servers());
        compare(fields, "exclude", old.exclude(), now.exclude());
        compare(fields, "tools", old.tools(), now.tools());
        if (!old.authTokenEnv().equals(now.authTokenEnv()) || !old.authToken().equals(now.authToken())) {
            fields.add("auth_token_env");
        }
        compare(fields, "deferred_loading", old.deferredLoading(), now.deferredLoading());
        compare(fields, "oauth_scope", old.oauthScope(), now.oauthScope());
        return fields;
    }

    private static void compare(List<String> fields, String key, Object old, Object now) {
        if (!Objects.equals(old, now)) {
            fields.add(key);
        }
    }

    /** True when no bundle changes. */
    public boolean isEmpty() {
        return added.isEmpty() && removed.isEmpty() && changed.isEmpty();
    }
}
