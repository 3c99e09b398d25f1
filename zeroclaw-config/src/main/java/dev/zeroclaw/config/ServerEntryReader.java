package dev.zeroclaw.config;

import static java.util.Objects.requireNonNull;

import dev.zeroclaw.api.ConfigPosition;
import dev.zeroclaw.api.PinMode;
import dev.zeroclaw.api.RestartPolicy;
import dev.zeroclaw.api.RestartStrategy;
import dev.zeroclaw.api.ServerPrefixes;
import dev.zeroclaw.api.ServerSpec;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.tomlj.TomlArray;
import org.tomlj.TomlPosition;
import org.tomlj.TomlTable;

/**
 * Reads one {@code [[mcp.servers]]} entry into a {@link ServerSpec}, applying the defaults,
 * reporting every problem the generic rules find (names, types, timeouts, enumerations, unknown
 * keys) and recording where each key was written.
 *
 * <p>What a key means to a transport ({@code command} for stdio, a {@code url} for http, the
 * {@code options} of a plugin) is its provider's to check ({@code TransportProvider.validate}),
 * with the positions recorded here: each rule exists once, in the provider.
 */
final class ServerEntryReader {

    static final String STDIO = "stdio";
    static final String HTTP = "http";
    static final String SSE = "sse";

    static final List<String> KEYS = List.of(
            "name", "transport", "command", "args", "env", "url", "headers", "tool_timeout_secs",
            "pinned_resources", "tls_ca_cert_path", "cwd", "enabled", "startup_timeout_secs",
            "stop_timeout_secs", "restart", "restart_strategy", "options", "allowed_tools", "excluded_tools",
            "max_result_bytes", "pin_tools", "tool_prefix", OAuthReader.CLIENT_ID, OAuthReader.CLIENT_SECRET,
            OAuthReader.GRANT, OAuthReader.SCOPES, OAuthReader.CLIENT_METADATA_URL, OAuthReader.CLIENT_KEY,
            OAuthReader.CLIENT_KEY_ID);

    private static final List<String> STDIO_ONLY_KEYS = List.of("command", "args", "env", "cwd");
    private static final List<String> REMOTE_ONLY_KEYS = List.of("url", "headers", "tls_ca_cert_path",
            OAuthReader.CLIENT_ID, OAuthReader.CLIENT_SECRET, OAuthReader.GRANT, OAuthReader.SCOPES, OAuthReader.CLIENT_METADATA_URL,
            OAuthReader.CLIENT_KEY, OAuthReader.CLIENT_KEY_ID);

    /** Tables whose own keys get a position each, for errors such as {@code headers.Host}. */
    private static final List<String> TABLE_KEYS = List.of("env", "headers", "options");
    private static final long MAX_LIFECYCLE_TIMEOUT_SECS = 3600;
    private static final List<String> RESTART_POLICIES =
            Stream.of(RestartPolicy.values()).map(RestartPolicy::configValue).toList();
    private static final List<String> RESTART_STRATEGIES =
            Stream.of(RestartStrategy.values()).map(RestartStrategy::configValue).toList();

    private final TransportNames transports;
    private final ServerNames names;
    private final ErrorCollector errors;
    private final PinMode defaultPins;
    private final Optional<String> defaultClientMetadataUrl;

    /** @param defaultPins {@code [mcp] pin_tools}, for the entries that set none of their own */
    ServerEntryReader(TransportNames transports, ServerNames names, ErrorCollector errors, PinMode defaultPins) {
        this(transports, names, errors, defaultPins, Optional.empty());
    }

    /** @param defaultClientMetadataUrl {@code [mcp] oauth_client_metadata_url}, for the remote entries without their own */
    ServerEntryReader(TransportNames transports, ServerNames names, ErrorCollector errors, PinMode defaultPins,
            Optional<String> defaultClientMetadataUrl) {
        this.transports = requireNonNull(transports, "transports is null");
        this.names = requireNonNull(names, "names is null");
        this.errors = requireNonNull(errors, "errors is null");
        this.defaultPins = requireNonNull(defaultPins, "defaultPins is null");
        this.defaultClientMetadataUrl = requireNonNull(defaultClientMetadataUrl, "defaultClientMetadataUrl is null");
    }

    /**
     * The entry, with its problems reported; {@link ParsedEntry#clean()} says whether there were any.
     *
     * @param at where the entry starts ({@code [[mcp.servers]]} or the inline table)
     */
    ParsedEntry read(TomlTable entry, TomlPosition at) {
        int errorsBefore = errors.count();
        TableReader reader = new TableReader(entry, at, errors);
        reader.checkUnknownKeys(KEYS, "a server entry");

        String name = readName(reader);
        Optional<String> transport = readTransport(reader);
        ServerSpec.Builder spec = ServerSpec.builder(name).transport(transport.orElse(ServerSpec.DEFAULT_TRANSPORT));
        Set<String> ignored = leftovers(reader, transport.orElse(""));
        if (!ignored.contains("command")) {
            reader.string("command").ifPresent(spec::command);
        }
        if (!ignored.contains("args")) {
            reader.strings("args").ifPresent(spec::args);
        }
        if (!ignored.contains("env")) {
            reader.stringTable("env").ifPresent(spec::env);
        }
        Optional<String> url = ignored.contains("url")
                ? Optional.empty()
                : reader.string("url").map(String::strip).filter(u -> !u.isEmpty());
        url.ifPresent(spec::url);
        if (!ignored.contains("headers")) {
            reader.stringTable("headers").ifPresent(spec::headers);
        }
        if (!ignored.contains("tls_ca_cert_path")) {
            readTlsCaCertPath(reader, url).ifPresent(spec::tlsCaCertPath);
        }
        reader.strings("pinned_resources").ifPresent(spec::pinnedResources);
        if (!ignored.contains("cwd")) {
            readCwd(reader).ifPresent(spec::cwd);
        }
        reader.bool("enabled").ifPresent(spec::enabled);
        readTimeouts(reader, spec);
        readRestart(reader, spec);
        OptionsReader.read(reader).ifPresent(spec::options);
        ToolFilterReader.read(reader).ifPresent(spec::toolFilter);
        reader.integer("max_result_bytes", ServerSpec.MIN_MAX_RESULT_BYTES, ServerSpec.MAX_MAX_RESULT_BYTES)
                .ifPresent(bytes -> spec.maxResultBytes(bytes.intValue()));
        spec.pinTools(PinModeReader.read(reader, "pin_tools", errors).orElse(defaultPins));
        readToolPrefix(reader).ifPresent(spec::toolPrefix);
        if (OAuthReader.KEYS.stream().noneMatch(ignored::contains)) {
            boolean remote = transport.filter(t -> t.equals(HTTP) || t.equals(SSE)).isPresent();
            OAuthReader.read(reader, remote ? defaultClientMetadataUrl : Optional.empty()).ifPresent(spec::oauth);
        }

        return new ParsedEntry(spec.build(), positions(reader), errors.count() == errorsBefore, transport.isPresent());
    }

    /**
     * The settings of the other built-in transport that this entry holds with a value: upstream
     * ZeroClaw's {@code config set} leaves them behind when only {@code transport} changes, and
     * ignores them. So does zeroclaw, with a warning each; they stay out of the server's spec, so
     * editing one restarts nothing. Empty values (upstream writes {@code command = ""}) are silent.
     */
    private Set<String> leftovers(TableReader reader, String transport) {
        List<String> foreign = switch (transport) {
            case STDIO -> REMOTE_ONLY_KEYS;
            case HTTP, SSE -> STDIO_ONLY_KEYS;
            default -> List.of();
        };
        Set<String> leftovers = new HashSet<>();
        for (String key : foreign) {
            Object value = reader.table().get(List.of(key));
            if (value == null) {
                continue;
            }
            leftovers.add(key);
            if (!isEmpty(value)) {
                errors.warn(reader.keyPosition(key), "'" + key + "' is ignored: this server's transport is " + transport
                        + (transport.equals(STDIO) ? ", which runs a command" : ", which is reached at its url")
                        + " (a leftover of another transport? remove it)");
            }
        }
        return leftovers;
    }

    private static boolean isEmpty(Object value) {
        return (value instanceof String string && string.isEmpty())
                || (value instanceof TomlArray array && array.isEmpty())
                || (value instanceof TomlTable table && table.isEmpty());
    }

    private EntryPositions positions(TableReader reader) {
        Map<String, ConfigPosition> keys = new HashMap<>();
        for (String key : reader.table().keySet()) {
            keys.put(key, errors.position(reader.valuePosition(key)));
            if (TABLE_KEYS.contains(key) && reader.table().get(List.of(key)) instanceof TomlTable nested) {
                for (String inner : nested.keySet()) {
                    keys.put(key + "." + inner, errors.position(ValuePosition.of(nested, inner, reader.valuePosition(key))));
                }
            }
        }
        return new EntryPositions(errors.file(), errors.position(reader.position()), keys);
    }

    private String readName(TableReader reader) {
        if (!reader.has("name")) {
            errors.add(reader.position(), "server entry has no 'name'; every server needs a unique name");
            return "";
        }
        Optional<String> name = reader.string("name");
        name.ifPresent(n -> names.check(n, reader.valuePosition("name")));
        return name.orElse("");
    }

    // Empty when the transport is not a known one: its rules cannot be checked then.
    private Optional<String> readTransport(TableReader reader) {
        Optional<String> transport = reader.has("transport")
                ? reader.string("transport")
                : Optional.of(ServerSpec.DEFAULT_TRANSPORT);
        transport.filter(t -> !transports.accepts(t)).ifPresent(t -> errors.addShapeError(reader.valuePosition("transport"),
                transports.refusal(t)));
        return transport.filter(transports::accepts);
    }

    /**
     * As upstream: a path that is neither empty nor relative, and only for an {@code https} url (on
     * a stdio server it is a leftover, {@link #leftovers}). Whether the file exists and
     * holds certificates is the connection's to find: a missing file fails that server, not the
     * whole file.
     */
    private Optional<String> readTlsCaCertPath(TableReader reader, Optional<String> url) {
        Optional<String> path = reader.string("tls_ca_cert_path");
        if (path.isEmpty()) {
            return Optional.empty();
        }
        if (path.get().isEmpty()) {
            errors.add(reader.valuePosition("tls_ca_cert_path"),
                    "'tls_ca_cert_path' is empty: name a PEM file of CA certificates, or remove the key");
            return Optional.empty();
        }
        if (!AbsolutePath.isValid(path.get())) {
            errors.add(reader.valuePosition("tls_ca_cert_path"),
                    "'tls_ca_cert_path' must be an absolute path, got '" + path.get() + "'");
            return Optional.empty();
        }
        if (url.isPresent() && !url.get().regionMatches(true, 0, "https:", 0, "https:".length())) {
            // At the url, in upstream's words: it names the url too.
            errors.add(reader.valuePosition("url"), "'url' must use https when tls_ca_cert_path is set (the CA file"
                    + " is for TLS): use an https:// url, or remove tls_ca_cert_path");
            return Optional.empty();
        }
        return path;
    }

    private Optional<String> readCwd(TableReader reader) {
        Optional<String> cwd = reader.string("cwd");
        if (cwd.isPresent() && !AbsolutePath.isValid(cwd.get())) {
            errors.add(reader.valuePosition("cwd"), "'cwd' must be an absolute path, got '" + cwd.get() + "'");
            return Optional.empty();
        }
        return cwd;
    }

    private Optional<String> readToolPrefix(TableReader reader) {
        Optional<String> prefix = reader.string("tool_prefix");
        Optional<String> problem = prefix.flatMap(ServerPrefixes::toolPrefixProblem);
        problem.ifPresent(why -> errors.add(reader.valuePosition("tool_prefix"), why));
        return problem.isPresent() ? Optional.empty() : prefix;
    }

    private static void readTimeouts(TableReader reader, ServerSpec.Builder spec) {
        reader.integer("tool_timeout_secs", 1, ServerSpec.MAX_TOOL_TIMEOUT_SECS)
                .ifPresent(secs -> spec.toolTimeoutSecs(secs.intValue()));
        reader.integer("startup_timeout_secs", 1, MAX_LIFECYCLE_TIMEOUT_SECS)
                .ifPresent(secs -> spec.startupTimeoutSecs(secs.intValue()));
        reader.integer("stop_timeout_secs", 1, MAX_LIFECYCLE_TIMEOUT_SECS)
                .ifPresent(secs -> spec.stopTimeoutSecs(secs.intValue()));
    }

    private void readRestart(TableReader reader, ServerSpec.Builder spec) {
        reader.string("restart").ifPresent(value -> RestartPolicy.fromConfigValue(value).ifPresentOrElse(
                spec::restart,
                () -> errors.add(reader.valuePosition("restart"), KeySuggester.unknown(
                        "restart policy", value, RESTART_POLICIES, "valid policies"))));
        reader.string("restart_strategy").ifPresent(value -> RestartStrategy.fromConfigValue(value).ifPresentOrElse(
                spec::restartStrategy,
                () -> errors.add(reader.valuePosition("restart_strategy"), KeySuggester.unknown(
                        "restart strategy", value, RESTART_STRATEGIES, "valid strategies"))));
    }
}
