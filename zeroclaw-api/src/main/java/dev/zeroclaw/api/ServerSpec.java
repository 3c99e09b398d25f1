package dev.zeroclaw.api;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One {@code [[mcp.servers]]} entry, validated and with every default applied.
 *
 * <p>{@code env} and {@code headers} hold secrets: their values must never reach a log, a status
 * document, a report or an exception message. {@link #toString()} prints their keys only.
 *
 * <p>Maps are kept sorted by key so that two spellings of the same entry are equal.
 *
 * @param name unique (ignoring case) name; letters, digits, {@code _} and {@code -}
 * @param transport the transport provider's name: {@code stdio}, {@code http}, {@code sse} or a plugin's
 * @param command the program to run (stdio); empty for remote servers
 * @param args the program's arguments, in order
 * @param env environment added to the daemon's for the child (secret values)
 * @param url the endpoint of a remote server, absent for stdio
 * @param headers HTTP headers sent with every request to a remote server (secret values)
 * @param cwd working directory of the child, absent for the daemon's own
 * @param enabled {@code false} keeps the entry in the file without running it
 * @param toolTimeoutSecs upper bound of one tool call, 1..600; applied live
 * @param startupTimeoutSecs time allowed from launch to READY
 * @param stopTimeoutSecs time allowed for each step of the stop sequence
 * @param restart what to do when the server ends without being asked to
 * @param restartStrategy how a reload replaces the server when its launch settings change
 * @param pinnedResources upstream {@code pinned_resources}: resource URIs the agent always loads
 * @param tlsCaCertPath a PEM file of CA certificates trusted for this server's TLS, absent for the
 *     JVM's default trust store
 * @param options the transport's own settings ({@code [mcp.servers.options]}), for its provider to
 *     read; not secret
 * @param toolFilter {@code allowed_tools} and {@code excluded_tools}: which of the server's tools
 *     clients see and may call; applied live
 * @param maxResultBytes {@code max_result_bytes}: the largest {@code tools/call} result, serialized,
 *     that reaches a client whole; applied live
 * @param pinTools {@code pin_tools}: the entry's own, else {@code [mcp] pin_tools}; applied live
 * @param toolPrefix {@code tool_prefix}: the prefix clients see before this server's tools and
 *     prompts instead of its sanitised name ({@link ServerPrefixes}); applied live
 * @param oauth the {@code oauth_*} keys of a remote server ({@link OAuthSettings#NONE} without them); a
 *     change restarts the server; {@code oauth_client_secret} is a secret value like {@code headers}
 */
public record ServerSpec(
        String name,
        String transport,
        String command,
        List<String> args,
        Map<String, String> env,
        Optional<String> url,
        Map<String, String> headers,
        Optional<String> cwd,
        boolean enabled,
        int toolTimeoutSecs,
        int startupTimeoutSecs,
        int stopTimeoutSecs,
        RestartPolicy restart,
        RestartStrategy restartStrategy,
        List<String> pinnedResources,
        Optional<String> tlsCaCertPath,
        TransportOptions options,
        ToolFilter toolFilter,
        int maxResultBytes,
        PinMode pinTools,
        Optional<String> toolPrefix,
        OAuthSettings oauth) {

    public static final String DEFAULT_TRANSPORT = "stdio";
    public static final int DEFAULT_TOOL_TIMEOUT_SECS = 180;
    public static final int MAX_TOOL_TIMEOUT_SECS = 600;
    public static final int DEFAULT_STARTUP_TIMEOUT_SECS = 30;
    public static final int DEFAULT_STOP_TIMEOUT_SECS = 5;
    /** 1 MiB: far above what a tool answers for an agent, far below what would stall the gateway. */
    public static final int DEFAULT_MAX_RESULT_BYTES = 1 << 20;
    /** Room for the notice that says what was cut, and some of the result. */
    public static final int MIN_MAX_RESULT_BYTES = 1024;
    public static final int MAX_MAX_RESULT_BYTES = 1 << 30;

    public ServerSpec {
        requireNonNull(name, "name is null");
        requireNonNull(transport, "transport is null");
        requireNonNull(command, "command is null");
        args = List.copyOf(args);
        env = sortedCopy(env);
        requireNonNull(url, "url is null");
        headers = sortedCopy(headers);
        requireNonNull(cwd, "cwd is null");
        requireNonNull(restart, "restart is null");
        requireNonNull(restartStrategy, "restartStrategy is null");
        pinnedResources = List.copyOf(pinnedResources);
        requireNonNull(tlsCaCertPath, "tlsCaCertPath is null");
        requireNonNull(options, "options is null");
        requireNonNull(toolFilter, "toolFilter is null");
        requireNonNull(pinTools, "pinTools is null");
        requireNonNull(toolPrefix, "toolPrefix is null");
        requireNonNull(oauth, "oauth is null");
    }

    /** A builder with every default of an entry that names only {@code name}. */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** A builder holding this entry's values, to derive a changed copy. */
    public Builder toBuilder() {
        Builder builder = new Builder(name)
                .transport(transport)
                .command(command)
                .args(args)
                .env(env)
                .headers(headers)
                .enabled(enabled)
                .toolTimeoutSecs(toolTimeoutSecs)
                .startupTimeoutSecs(startupTimeoutSecs)
                .stopTimeoutSecs(stopTimeoutSecs)
                .restart(restart)
                .restartStrategy(restartStrategy)
                .pinnedResources(pinnedResources)
                .options(options)
                .toolFilter(toolFilter)
                .maxResultBytes(maxResultBytes)
                .pinTools(pinTools)
                .oauth(oauth);
        url.ifPresent(builder::url);
        cwd.ifPresent(builder::cwd);
        tlsCaCertPath.ifPresent(builder::tlsCaCertPath);
        toolPrefix.ifPresent(builder::toolPrefix);
        return builder;
    }

    /** Prints {@code env} and {@code headers} as key names only: their values are secrets. */
    @Override
    public String toString() {
        return "ServerSpec[name=" + name
                + ", transport=" + transport
                + ", command=" + command
                + ", args=" + args
                + ", env=" + redacted(env)
                + ", url=" + url.orElse("")
                + ", headers=" + redacted(headers)
                + ", cwd=" + cwd.orElse("")
                + ", enabled=" + enabled
                + ", toolTimeoutSecs=" + toolTimeoutSecs
                + ", startupTimeoutSecs=" + startupTimeoutSecs
                + ", stopTimeoutSecs=" + stopTimeoutSecs
                + ", restart=" + restart.configValue()
                + ", restartStrategy=" + restartStrategy.configValue()
                + ", pinnedResources=" + pinnedResources
                + ", tlsCaCertPath=" + tlsCaCertPath.orElse("")
                + ", options=" + options
                + ", toolFilter=[" + toolFilter + "]"
                + ", maxResultBytes=" + maxResultBytes
                + ", pinTools=" + pinTools.configValue()
                + ", toolPrefix=" + toolPrefix.orElse("")
                + ", oauth=" + oauth
                + "]";
    }

    private static String redacted(Map<String, String> secrets) {
        return secrets.keySet().stream().map(k -> k + "=***").toList().toString();
    }

    private static Map<String, String> sortedCopy(Map<String, String> map) {
        requireNonNull(map, "map is null");
        return Collections.unmodifiableMap(new TreeMap<>(map));
    }

    /** Builds a {@link ServerSpec}; unset fields take the documented defaults. */
    public static final class Builder {
        private final String name;
        private String transport = DEFAULT_TRANSPORT;
        private String command = "";
        private List<String> args = new ArrayList<>();
        private Map<String, String> env = new LinkedHashMap<>();
        private String url;
        private Map<String, String> headers = new LinkedHashMap<>();
        private String cwd;
        private boolean enabled = true;
        private int toolTimeoutSecs = DEFAULT_TOOL_TIMEOUT_SECS;
        private int startupTimeoutSecs = DEFAULT_STARTUP_TIMEOUT_SECS;
        private int stopTimeoutSecs = DEFAULT_STOP_TIMEOUT_SECS;
        private RestartPolicy restart = RestartPolicy.ON_FAILURE;
        private RestartStrategy restartStrategy = RestartStrategy.START_FIRST;
        private List<String> pinnedResources = new ArrayList<>();
        private String tlsCaCertPath;
        private TransportOptions options = TransportOptions.empty();
        private ToolFilter toolFilter = ToolFilter.NONE;
        private int maxResultBytes = DEFAULT_MAX_RESULT_BYTES;
        private PinMode pinTools = PinMode.OFF;
        private String toolPrefix;
        private OAuthSettings oauth = OAuthSettings.NONE;

        private Builder(String name) {
            this.name = requireNonNull(name, "name is null");
        }

        public Builder transport(String transport) {
            this.transport = requireNonNull(transport, "transport is null");
            return this;
        }

        public Builder command(String command) {
            this.command = requireNonNull(command, "command is null");
            return this;
        }

        public Builder args(List<String> args) {
            this.args = new ArrayList<>(args);
            return this;
        }

        public Builder env(Map<String, String> env) {
            this.env = new LinkedHashMap<>(env);
            return this;
        }

        public Builder putEnv(String key, String value) {
            this.env.put(requireNonNull(key, "key is null"), requireNonNull(value, "value is null"));
            return this;
        }

        public Builder url(String url) {
            this.url = url;
            return this;
        }

        public Builder headers(Map<String, String> headers) {
            this.headers = new LinkedHashMap<>(headers);
            return this;
        }

        public Builder putHeader(String key, String value) {
            this.headers.put(requireNonNull(key, "key is null"), requireNonNull(value, "value is null"));
            return this;
        }

        public Builder cwd(String cwd) {
            this.cwd = cwd;
            return this;
        }

        public Builder enabled(boolean enabled) {
            this.enabled = enabled;
            return this;
        }

        public Builder toolTimeoutSecs(int toolTimeoutSecs) {
            this.toolTimeoutSecs = toolTimeoutSecs;
            return this;
        }

        public Builder startupTimeoutSecs(int startupTimeoutSecs) {
            this.startupTimeoutSecs = startupTimeoutSecs;
            return this;
        }

        public Builder stopTimeoutSecs(int stopTimeoutSecs) {
            this.stopTimeoutSecs = stopTimeoutSecs;
            return this;
        }

        public Builder restart(RestartPolicy restart) {
            this.restart = requireNonNull(restart, "restart is null");
            return this;
        }

        public Builder restartStrategy(RestartStrategy restartStrategy) {
            this.restartStrategy = requireNonNull(restartStrategy, "restartStrategy is null");
            return this;
        }

        public Builder pinnedResources(List<String> pinnedResources) {
            this.pinnedResources = new ArrayList<>(pinnedResources);
            return this;
        }

        public Builder tlsCaCertPath(String tlsCaCertPath) {
            this.tlsCaCertPath = tlsCaCertPath;
            return this;
        }

        public Builder options(TransportOptions options) {
            this.options = requireNonNull(options, "options is null");
            return this;
        }

        public Builder toolFilter(ToolFilter toolFilter) {
            this.toolFilter = requireNonNull(toolFilter, "toolFilter is null");
            return this;
        }

        public Builder maxResultBytes(int maxResultBytes) {
            this.maxResultBytes = maxResultBytes;
            return this;
        }

        public Builder toolPrefix(String toolPrefix) {
            this.toolPrefix = toolPrefix;
            return this;
        }

        public Builder pinTools(PinMode pinTools) {
            this.pinTools = requireNonNull(pinTools, "pinTools is null");
            return this;
        }

        public Builder oauth(OAuthSettings oauth) {
            this.oauth = requireNonNull(oauth, "oauth is null");
            return this;
        }

        public ServerSpec build() {
            return new ServerSpec(
                    name,
                    transport,
                    command,
                    args,
                    env,
                    Optional.ofNullable(url),
                    headers,
                    Optional.ofNullable(cwd),
                    enabled,
                    toolTimeoutSecs,
                    startupTimeoutSecs,
                    stopTimeoutSecs,
                    restart,
                    restartStrategy,
                    pinnedResources,
                    Optional.ofNullable(tlsCaCertPath),
                    options,
                    toolFilter,
                    maxResultBytes,
                    pinTools,
                    Optional.ofNullable(toolPrefix),
                    oauth);
        }
    }
}
