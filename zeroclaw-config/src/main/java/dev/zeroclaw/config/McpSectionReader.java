package dev.zeroclaw.config;

import static java.util.Objects.requireNonNull;

import dev.zeroclaw.api.DaemonSettings;
import dev.zeroclaw.api.GatewayAuth;
import dev.zeroclaw.api.GatewayOAuth;
import dev.zeroclaw.api.PinMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.tomlj.TomlArray;
import org.tomlj.TomlPosition;
import org.tomlj.TomlTable;

/**
 * Reads the {@code [mcp]} table of a parsed file: the daemon settings, the gateway and the server
 * entries. Everything else in the file belongs to other ZeroClaw subsystems and is left alone.
 */
final class McpSectionReader {

    static final List<String> KEYS = List.of(
            "enabled", "deferred_loading", "auto_reload", "reload_debounce_ms", "ping_interval_secs", "plugin_dir", "gateway",
            "servers", "mcpServers", "pin_tools", "state_dir", "telemetry", "audit", OAuthReader.CLIENT_METADATA_URL);
    static final List<String> GATEWAY_KEYS = List.of("listen", "auth", "auth_token_env", GatewayOAuthReader.ISSUER,
            GatewayOAuthReader.AUDIENCE, GatewayOAuthReader.JWKS_URL, GatewayOAuthReader.SCOPE);
    static final long MAX_RELOAD_DEBOUNCE_MS = 60_000;
    /** Upstream's alias of the whole {@code [mcp]} table ({@code Config.mcp}, {@code #[serde(alias)]}). */
    static final String TOP_LEVEL_ALIAS = "mcpServers";
    /** Upstream ZeroClaw's current config schema version, and the release it was read from. */
    static final long CURRENT_SCHEMA_VERSION = 3;
    static final String UPSTREAM_VERSION = "v0.8.4";
    /** Said of each problem of a server entry when no server runs: it is a warning then. */
    static final String DISABLED_NOTE = "not refused: [mcp] enabled = false, no server runs";
    static final long MAX_PING_INTERVAL_SECS = 3_600;

    private final TransportNames transports;
    private final ErrorCollector errors;

    McpSectionReader(TransportNames transports, ErrorCollector errors) {
        this.transports = requireNonNull(transports, "transports is null");
        this.errors = requireNonNull(errors, "errors is null");
    }

    /** The settings and every server entry, clean or not, in file order. */
    record Section(DaemonSettings settings, List<ParsedEntry> entries) {

        Section {
            requireNonNull(settings, "settings is null");
            entries = List.copyOf(entries);
        }
    }

    /** The {@code [mcp]} section; the settings are meaningful only when no error was reported. */
    Section read(TomlTable root) {
        TableReader rootReader = new TableReader(root, TomlPosition.positionAt(1, 1), errors);
        checkSchemaVersion(rootReader);
        if (rootReader.has("mcp") && rootReader.has(TOP_LEVEL_ALIAS)) {
            errors.add(rootReader.keyPosition(TOP_LEVEL_ALIAS), "both [mcp] and [" + TOP_LEVEL_ALIAS + "] are set; ["
                    + TOP_LEVEL_ALIAS + "] is another name for [mcp] (as upstream ZeroClaw reads it): keep one");
            return new Section(DaemonSettings.defaults(), List.of());
        }
        String tableName = rootReader.has(TOP_LEVEL_ALIAS) ? TOP_LEVEL_ALIAS : "mcp";
        Optional<TomlTable> mcp = rootReader.table(tableName);
        if (mcp.isEmpty()) {
            return new Section(DaemonSettings.defaults(), List.of());
        }
        TableReader reader = new TableReader(mcp.get(), rootReader.keyPosition(tableName), errors);
        reader.checkUnknownKeys(KEYS, "[" + tableName + "]");
        DaemonSettings settings = new DaemonSettings(
                reader.bool("enabled").orElse(DaemonSettings.DEFAULT_ENABLED),
                reader.bool("deferred_loading").orElse(DaemonSettings.DEFAULT_DEFERRED_LOADING),
                reader.bool("auto_reload").orElse(DaemonSettings.DEFAULT_AUTO_RELOAD),
                reader.integer("reload_debounce_ms", 0, MAX_RELOAD_DEBOUNCE_MS)
                        .orElse(DaemonSettings.DEFAULT_RELOAD_DEBOUNCE_MS),
                readListen(reader),
                Math.toIntExact(reader.integer("ping_interval_secs", 1, MAX_PING_INTERVAL_SECS)
                        .orElse((long) DaemonSettings.DEFAULT_PING_INTERVAL_SECS)),
                readAuthTokenEnv(reader),
                readAuth(reader),
                readPluginDir(reader),
                PinModeReader.read(reader, "pin_tools", errors).orElse(DaemonSettings.DEFAULT_PIN_TOOLS),
                readAbsoluteDir(reader, "state_dir"),
                ObservabilityReader.telemetryEnabled(reader, errors),
                ObservabilityReader.audit(reader, errors),
                readGatewayOAuth(reader));
        int mark = errors.count();
        List<ParsedEntry> servers = readServers(reader, settings.pinTools(), OAuthReader.clientMetadataUrl(reader));
        if (!settings.enabled() && errors.count() > mark) {
            // Upstream does not look at the servers of a disabled [mcp]; nothing of them runs here either.
            errors.demoteSince(mark, DISABLED_NOTE);
        }
        return new Section(settings, servers);
    }

    /** Upstream refuses a file written by a newer version of itself; so does zeroclaw. */
    private void checkSchemaVersion(TableReader root) {
        Object value = root.table().get(List.of("schema_version"));
        if (value == null) {
            return;
        }
        if (!(value instanceof Long version) || version < 1) {
            errors.addShapeError(root.valuePosition("schema_version"), "schema_version must be a positive integer, got "
                    + (value instanceof Long ? value : TomlTypeName.of(value)));
        } else if (version > CURRENT_SCHEMA_VERSION) {
            errors.addShapeError(root.valuePosition("schema_version"), "schema_version " + version + " is newer than the "
                    + CURRENT_SCHEMA_VERSION + " this zeroclaw reads (upstream ZeroClaw " + UPSTREAM_VERSION
                    + "); upgrade zeroclaw, or write the file with that upstream version");
        }
    }

    // Absolute, like a server's cwd: the daemon's working directory is no place to look for code.
    private Optional<String> readPluginDir(TableReader mcp) {
        return readAbsoluteDir(mcp, "plugin_dir");
    }

    private Optional<String> readAbsoluteDir(TableReader mcp, String key) {
        Optional<String> dir = mcp.string(key);
        if (dir.isPresent() && !AbsolutePath.isValid(dir.get())) {
            errors.add(mcp.valuePosition(key), "'" + key + "' must be an absolute path, got '" + dir.get() + "'");
            return Optional.empty();
        }
        return dir;
    }

    private String readListen(TableReader mcp) {
        Optional<TomlTable> gateway = mcp.table("gateway");
        if (gateway.isEmpty()) {
            return DaemonSettings.DEFAULT_GATEWAY_LISTEN;
        }
        TableReader reader = new TableReader(gateway.get(), mcp.keyPosition("gateway"), errors);
        reader.checkUnknownKeys(GATEWAY_KEYS, "[mcp.gateway]");
        Optional<String> listen = reader.string("listen");
        if (listen.isPresent() && !ListenAddress.isValid(listen.get())) {
            errors.add(reader.valuePosition("listen"), "'listen' must be host:port with a port from 1 to 65535"
                    + " (an IPv6 host in brackets: [::1]:8765), got '" + listen.get() + "'");
        }
        return listen.orElse(DaemonSettings.DEFAULT_GATEWAY_LISTEN);
    }

    /** The variable's name only: the token itself never enters the file, so it never reaches a diff or a log. */
    private Optional<String> readAuthTokenEnv(TableReader mcp) {
        // readListen has reported a 'gateway' that is not a table.
        if (!(mcp.table().get(List.of("gateway")) instanceof TomlTable gateway)) {
            return Optional.empty();
        }
        TableReader reader = new TableReader(gateway, mcp.keyPosition("gateway"), errors);
        Optional<String> name = reader.string("auth_token_env");
        if (name.isPresent() && !name.get().matches("[A-Za-z_][A-Za-z0-9_]*")) {
            errors.add(reader.valuePosition("auth_token_env"), "'auth_token_env' must be the name of an environment"
                    + " variable (letters, digits, _), got '" + name.get() + "'");
        }
        return name;
    }

    /** {@code oauth_issuer} and its keys; with {@code auth = "none"} a contradiction. */
    private Optional<GatewayOAuth> readGatewayOAuth(TableReader mcp) {
        if (!(mcp.table().get(List.of("gateway")) instanceof TomlTable gateway)) {
            return Optional.empty();
        }
        TableReader reader = new TableReader(gateway, mcp.keyPosition("gateway"), errors);
        Optional<GatewayOAuth> oauth = GatewayOAuthReader.read(reader);
        if (oauth.isPresent() && reader.string("auth").filter(GatewayAuth.NONE.configValue()::equals).isPresent()) {
            errors.add(reader.valuePosition(GatewayOAuthReader.ISSUER), "'" + GatewayOAuthReader.ISSUER + "' asks for"
                    + " access tokens, but 'auth = \"none\"' turns authentication off: remove one of the two");
            return Optional.empty();
        }
        return oauth;
    }

    /** {@code token} unless the operator writes {@code none}; {@code none} with a token variable is a contradiction. */
    private GatewayAuth readAuth(TableReader mcp) {
        if (!(mcp.table().get(List.of("gateway")) instanceof TomlTable gateway)) {
            return GatewayAuth.TOKEN;
        }
        TableReader reader = new TableReader(gateway, mcp.keyPosition("gateway"), errors);
        Optional<String> value = reader.string("auth");
        if (value.isEmpty()) {
            return GatewayAuth.TOKEN;
        }
        Optional<GatewayAuth> auth = GatewayAuth.fromConfigValue(value.get());
        if (auth.isEmpty()) {
            errors.add(reader.valuePosition("auth"), "'auth' must be \"token\" (the default: every request carries a"
                    + " bearer token) or \"none\" (every local user may call every server), got '" + value.get() + "'");
            return GatewayAuth.TOKEN;
        }
        if (auth.get() == GatewayAuth.NONE && reader.has("auth_token_env")) {
            errors.add(reader.valuePosition("auth"), "'auth = \"none\"' turns the token off, but 'auth_token_env' names"
                    + " one: remove one of the two");
            return GatewayAuth.TOKEN;
        }
        return auth.get();
    }

    private List<ParsedEntry> readServers(TableReader mcp, PinMode defaultPins, Optional<String> defaultClientMetadataUrl) {
        if (mcp.has("servers") && mcp.has("mcpServers")) {
            errors.add(mcp.keyPosition("mcpServers"),
                    "both 'servers' and 'mcpServers' are set; 'mcpServers' is another name for 'servers': keep one");
        }
        ServerNames names = new ServerNames(errors);
        ServerEntryReader entryReader = new ServerEntryReader(transports, names, errors, defaultPins, defaultClientMetadataUrl);
        List<ParsedEntry> servers = new ArrayList<>();
        for (String key : List.of("servers", "mcpServers")) {
            if (!mcp.has(key)) {
                continue;
            }
            if (!(mcp.table().get(List.of(key)) instanceof TomlArray entries)) {
                Object value = mcp.table().get(List.of(key));
                errors.add(mcp.valuePosition(key), "'" + key + "' must be an array of tables ([[mcp." + key
                        + "]]), not " + TomlTypeName.of(value));
                continue;
            }
            for (int i = 0; i < entries.size(); i++) {
                TomlPosition at = ValuePosition.of(entries, i, mcp.valuePosition(key));
                if (entries.get(i) instanceof TomlTable entry) {
                    servers.add(entryReader.read(entry, at));
                } else {
                    errors.add(at, "'" + key + "[" + i + "]' must be a table, not " + TomlTypeName.of(entries.get(i)));
                }
            }
        }
        return servers;
    }
}
