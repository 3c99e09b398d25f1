package dev.zeroclaw.api;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * The {@code [mcp]} table's daemon-wide settings.
 *
 * @param enabled upstream {@code mcp.enabled}; {@code false} runs no server at all
 * @param deferredLoading upstream {@code mcp.deferred_loading}: gateway clients list {@code tool_search} and
 *     {@code tool_call} instead of every tool; applied live
 * @param autoReload {@code mcp.auto_reload}: watch the config file and reload when its content changes
 * @param reloadDebounceMs {@code mcp.reload_debounce_ms}: quiet time after the last file event before a reload
 * @param gatewayListen {@code mcp.gateway.listen}: {@code host:port} of the endpoint MCP clients connect to
 * @param pingIntervalSecs {@code mcp.ping_interval_secs}: time between two pings of a READY server; a
 *     missed ping counts as a crash
 * @param gatewayAuthTokenEnv {@code mcp.gateway.auth_token_env}: the name (never the value) of the
 *     environment variable holding the bearer token every gateway request must carry
 * @param gatewayAuth {@code mcp.gateway.auth}: {@code token} (the default; without
 *     {@code auth_token_env} the daemon generates the token into its runtime directory) or
 *     {@code none} (no token: every local user may call every server)
 * @param pluginDir {@code mcp.plugin_dir}: the folder of transport plugins, one sub-folder per
 *     plugin; absent for the default, {@code ~/.zeroclaw/plugins} (the daemon's {@code --plugin-dir}
 *     overrides both)
 * @param pinTools {@code mcp.pin_tools}: the pinning of every server that sets none of its own
 * @param stateDir {@code mcp.state_dir}: the folder of what outlives a restart (pinned tools); absent
 *     for the default, {@code $XDG_STATE_HOME/zeroclaw} else {@code ~/.zeroclaw/state} (the daemon's
 *     {@code --state-dir} overrides both)
 * @param telemetryEnabled {@code mcp.telemetry.enabled}: OpenTelemetry traces and metrics, configured
 *     by the standard {@code OTEL_*} environment variables; read when the daemon starts
 * @param audit {@code [mcp.audit]}: the audit log, absent when the table is; read when the daemon starts
 * @param gatewayOAuth {@code [mcp.gateway] oauth_issuer} (and its {@code oauth_audience}, {@code oauth_jwks_url}):
 *     JWT access tokens from that issuer open the gateway too; read when the daemon starts
 */
public record DaemonSettings(
        boolean enabled,
        boolean deferredLoading,
        boolean autoReload,
        long reloadDebounceMs,
        String gatewayListen,
        int pingIntervalSecs,
        Optional<String> gatewayAuthTokenEnv,
        GatewayAuth gatewayAuth,
        Optional<String> pluginDir,
        PinMode pinTools,
        Optional<String> stateDir,
        boolean telemetryEnabled,
        Optional<AuditSettings> audit,
        Optional<GatewayOAuth> gatewayOAuth) {

    public static final boolean DEFAULT_ENABLED = true;
    public static final boolean DEFAULT_DEFERRED_LOADING = false;
    public static final boolean DEFAULT_AUTO_RELOAD = false;
    public static final long DEFAULT_RELOAD_DEBOUNCE_MS = 100;
    public static final String DEFAULT_GATEWAY_LISTEN = "127.0.0.1:8765";
    public static final int DEFAULT_PING_INTERVAL_SECS = 30;
    public static final PinMode DEFAULT_PIN_TOOLS = PinMode.OFF;
    public static final boolean DEFAULT_TELEMETRY_ENABLED = false;

    public DaemonSettings {
        requireNonNull(gatewayListen, "gatewayListen is null");
        requireNonNull(gatewayAuthTokenEnv, "gatewayAuthTokenEnv is null");
        requireNonNull(gatewayAuth, "gatewayAuth is null");
        requireNonNull(pluginDir, "pluginDir is null");
        requireNonNull(pinTools, "pinTools is null");
        requireNonNull(stateDir, "stateDir is null");
        requireNonNull(audit, "audit is null");
        requireNonNull(gatewayOAuth, "gatewayOAuth is null");
        if (reloadDebounceMs < 0) {
            throw new IllegalArgumentException("reloadDebounceMs must not be negative");
        }
        if (pingIntervalSecs < 1) {
            throw new IllegalArgumentException("pingIntervalSecs must be positive");
        }
        if (gatewayAuth == GatewayAuth.NONE && gatewayAuthTokenEnv.isPresent()) {
            throw new IllegalArgumentException("gatewayAuth none contradicts gatewayAuthTokenEnv");
        }
    }

    /** Settings without OAuth access tokens at the gateway. */
    public DaemonSettings(boolean enabled, boolean deferredLoading, boolean autoReload, long reloadDebounceMs,
            String gatewayListen, int pingIntervalSecs, Optional<String> gatewayAuthTokenEnv, GatewayAuth gatewayAuth,
            Optional<String> pluginDir, PinMode pinTools, Optional<String> stateDir, boolean telemetryEnabled,
            Optional<AuditSettings> audit) {
        this(enabled, deferredLoading, autoReload, reloadDebounceMs, gatewayListen, pingIntervalSecs, gatewayAuthTokenEnv,
                gatewayAuth, pluginDir, pinTools, stateDir, telemetryEnabled, audit, Optional.empty());
    }

    /** Settings without telemetry and without an audit log. */
    public DaemonSettings(boolean enabled, boolean deferredLoading, boolean autoReload, long reloadDebounceMs,
            String gatewayListen, int pingIntervalSecs, Optional<String> gatewayAuthTokenEnv, GatewayAuth gatewayAuth,
            Optional<String> pluginDir, PinMode pinTools, Optional<String> stateDir) {
        this(enabled, deferredLoading, autoReload, reloadDebounceMs, gatewayListen, pingIntervalSecs, gatewayAuthTokenEnv,
                gatewayAuth, pluginDir, pinTools, stateDir, DEFAULT_TELEMETRY_ENABLED, Optional.empty());
    }

    /** Settings without pinning and with the default state directory. */
    public DaemonSettings(boolean enabled, boolean deferredLoading, boolean autoReload, long reloadDebounceMs,
            String gatewayListen, int pingIntervalSecs, Optional<String> gatewayAuthTokenEnv, GatewayAuth gatewayAuth,
            Optional<String> pluginDir) {
        this(enabled, deferredLoading, autoReload, reloadDebounceMs, gatewayListen, pingIntervalSecs, gatewayAuthTokenEnv,
                gatewayAuth, pluginDir, DEFAULT_PIN_TOOLS, Optional.empty());
    }

    /** Settings with the default gateway authentication (a token). */
    public DaemonSettings(boolean enabled, boolean deferredLoading, boolean autoReload, long reloadDebounceMs,
            String gatewayListen, int pingIntervalSecs, Optional<String> gatewayAuthTokenEnv, Optional<String> pluginDir) {
        this(enabled, deferredLoading, autoReload, reloadDebounceMs, gatewayListen, pingIntervalSecs, gatewayAuthTokenEnv,
                GatewayAuth.TOKEN, pluginDir);
    }

    /** Settings with a generated gateway token and the default plugin folder. */
    public DaemonSettings(boolean enabled, boolean deferredLoading, boolean autoReload, long reloadDebounceMs,
            String gatewayListen, int pingIntervalSecs) {
        this(enabled, deferredLoading, autoReload, reloadDebounceMs, gatewayListen, pingIntervalSecs, Optional.empty(),
                Optional.empty());
    }

    /** The settings of a file that has no {@code [mcp]} table. */
    public static DaemonSettings defaults() {
        return new DaemonSettings(
                DEFAULT_ENABLED,
                DEFAULT_DEFERRED_LOADING,
                DEFAULT_AUTO_RELOAD,
                DEFAULT_RELOAD_DEBOUNCE_MS,
                DEFAULT_GATEWAY_LISTEN,
                DEFAULT_PING_INTERVAL_SECS);
    }
}
