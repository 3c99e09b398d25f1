package dev.zeroclaw.config;

import static java.util.Objects.requireNonNull;

import dev.zeroclaw.api.ConfigPosition;
import dev.zeroclaw.api.McpBundle;
import dev.zeroclaw.api.ToolPattern;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.tomlj.TomlArray;
import org.tomlj.TomlPosition;
import org.tomlj.TomlTable;

/**
 * Reads the top-level {@code [mcp_bundles.<alias>]} tables: upstream's {@code servers} and
 * {@code exclude}, and zeroclaw's {@code tools}, {@code auth_token_env} and
 * {@code deferred_loading}. A server name the file does not define grants nothing and is a
 * warning, as upstream says it (fail closed). {@code [agents.*]}, which names bundles upstream,
 * stays another subsystem's.
 */
final class BundleReader {

    static final String TABLE = "mcp_bundles";
    static final List<String> KEYS = List.of("servers", "exclude", "tools", "auth_token_env", "deferred_loading", "oauth_scope");

    /** The bundles in file order, and where each {@code auth_token_env} value was written. */
    record Bundles(List<McpBundle> bundles, Map<String, ConfigPosition> tokenEnvAt) {

        static final Bundles NONE = new Bundles(List.of(), Map.of());

        Bundles {
            bundles = List.copyOf(bundles);
            tokenEnvAt = Map.copyOf(tokenEnvAt);
        }
    }

    private final ErrorCollector errors;

    BundleReader(ErrorCollector errors) {
        this.errors = requireNonNull(errors, "errors is null");
    }

    /** @param serverNames the names of the file's server entries, enabled or not */
    Bundles read(TomlTable root, Set<String> serverNames) {
        TableReader rootReader = new TableReader(root, TomlPosition.positionAt(1, 1), errors);
        Optional<TomlTable> table = rootReader.table(TABLE);
        if (table.isEmpty()) {
            return Bundles.NONE;
        }
        TableReader bundles = new TableReader(table.get(), rootReader.keyPosition(TABLE), errors);
        List<McpBundle> read = new ArrayList<>();
        Map<String, ConfigPosition> tokenEnvAt = new LinkedHashMap<>();
        for (String alias : table.get().keySet()) {
            Optional<String> aliasProblem = McpBundle.aliasProblem(alias);
            if (aliasProblem.isPresent()) {
                errors.add(bundles.keyPosition(alias), "[" + TABLE + "." + alias + "]: " + aliasProblem.get());
                continue;
            }
            Optional<TomlTable> bundle = bundles.table(alias);
            if (bundle.isEmpty()) {
                continue;
            }
            int mark = errors.count();
            TableReader reader = new TableReader(bundle.get(), bundles.keyPosition(alias), errors);
            reader.checkUnknownKeys(KEYS, "[" + TABLE + "." + alias + "]");
            List<String> servers = serverNames(reader, alias, "servers", serverNames);
            List<String> exclude = serverNames(reader, alias, "exclude", serverNames);
            List<ToolPattern> tools = patterns(reader);
            Optional<String> tokenEnv = reader.string("auth_token_env");
            if (tokenEnv.isPresent() && !tokenEnv.get().matches("[A-Za-z_][A-Za-z0-9_]*")) {
                errors.add(reader.valuePosition("auth_token_env"), "'auth_token_env' of bundle '" + alias + "' must be the"
                        + " name of an environment variable (letters, digits, _), got '" + tokenEnv.get() + "'");
            }
            Optional<Boolean> deferred = reader.bool("deferred_loading");
            Optional<String> scope = reader.string("oauth_scope");
            if (scope.isPresent() && !OAuthReader.isScopeToken(scope.get())) {
                errors.add(reader.valuePosition("oauth_scope"), "'oauth_scope' of bundle '" + alias + "' must be one OAuth"
                        + " scope (printable ASCII, no space, no quote or backslash), got '" + scope.get() + "'");
            }
            if (errors.count() == mark) {
                read.add(new McpBundle(alias, servers, exclude, tools, tokenEnv, deferred, Optional.empty(), scope));
                tokenEnv.ifPresent(name -> tokenEnvAt.put(alias, reader.filePosition(reader.valuePosition("auth_token_env"))));
            }
        }
        return new Bundles(read, tokenEnvAt);
    }

    private List<String> serverNames(TableReader bundle, String alias, String key, Set<String> known) {
        List<String> names = bundle.strings(key).orElse(List.of());
        for (int i = 0; i < names.size(); i++) {
            if (!known.contains(names.get(i))) {
                TomlArray array = (TomlArray) bundle.table().get(List.of(key));
                errors.warn(ValuePosition.of(array, i, bundle.valuePosition(key)), TABLE + "." + alias + "." + key
                        + " references an MCP server name not in [mcp.servers] ('" + names.get(i) + "'); it "
                        + (key.equals("servers") ? "grants" : "excludes") + " nothing");
            }
        }
        return names;
    }

    private List<ToolPattern> patterns(TableReader bundle) {
        Optional<List<String>> globs = bundle.strings("tools");
        if (globs.isEmpty()) {
            return List.of();
        }
        TomlArray array = (TomlArray) bundle.table().get(List.of("tools"));
        List<ToolPattern> patterns = new ArrayList<>();
        for (int i = 0; i < globs.get().size(); i++) {
            Optional<String> problem = ToolPattern.problem(globs.get().get(i));
            if (problem.isPresent()) {
                bundle.report(ValuePosition.of(array, i, bundle.valuePosition("tools")), "'tools[" + i + "]': " + problem.get());
            } else {
                patterns.add(new ToolPattern(globs.get().get(i)));
            }
        }
        return patterns;
    }
}
