package dev.zeroclaw.config;

import static java.util.Objects.requireNonNull;

import dev.zeroclaw.api.RestartPolicy;
import dev.zeroclaw.api.RestartStrategy;
import dev.zeroclaw.api.ServerSpec;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.tomlj.TomlArray;
import org.tomlj.TomlPosition;
import org.tomlj.TomlTable;

/**
 * Reads one {@code [[mcp.servers]]} entry into a {@link ServerSpec}, applying the defaults and
 * reporting every problem in it.
 *
 * <p>The built-in transports get their own rules: {@code stdio} runs a {@code command}; {@code http}
 * and {@code sse} reach a {@code url}. A key of the other kind is an error when it holds something;
 * an empty one ({@code command = ""}, {@code env = {}}) is accepted because upstream ZeroClaw writes
 * them. A plugin's transport gets only the checks every entry gets.
 */
final class ServerEntryReader {

    static final String STDIO = "stdio";
    static final String HTTP = "http";
    static final String SSE = "sse";

    static final List<String> KEYS = List.of(
            "name", "transport", "command", "args", "env", "url", "headers", "tool_timeout_secs",
            "pinned_resources", "tls_ca_cert_path", "cwd", "enabled", "startup_timeout_secs",
            "stop_timeout_secs", "restart", "restart_strategy");

    private static final List<String> STDIO_KEYS = List.of("command", "args", "env", "cwd");
    private static final List<String> REMOTE_KEYS = List.of("url", "headers", "tls_ca_cert_path");
    private static final long MAX_LIFECYCLE_TIMEOUT_SECS = 3600;
    private static final List<String> RESTART_POLICIES =
            Stream.of(RestartPolicy.values()).map(RestartPolicy::configValue).toList();
    private static final List<String> RESTART_STRATEGIES =
            Stream.of(RestartStrategy.values()).map(RestartStrategy::configValue).toList();

    private final TransportNames transports;
    private final ServerNames names;
    private final ErrorCollector errors;

    ServerEntryReader(TransportNames transports, ServerNames names, ErrorCollector errors) {
        this.transports = requireNonNull(transports, "transports is null");
        this.names = requireNonNull(names, "names is null");
        this.errors = requireNonNull(errors, "errors is null");
    }

    /**
     * The entry as a spec, or empty when anything in it is wrong; the problems are reported.
     *
     * @param at where the entry starts ({@code [[mcp.servers]]} or the inline table)
     */
    Optional<ServerSpec> read(TomlTable entry, TomlPosition at) {
        int errorsBefore = errors.count();
        TableReader reader = new TableReader(entry, at, errors);
        reader.rejectUnknownKeys(KEYS);
        EncryptedValueCheck.scan(entry, at, errors);

        String name = readName(reader);
        Optional<String> transport = readTransport(reader);
        ServerSpec.Builder spec = ServerSpec.builder(name).transport(transport.orElse(ServerSpec.DEFAULT_TRANSPORT));
        Optional<String> command = reader.string("command");
        command.ifPresent(spec::command);
        reader.strings("args").ifPresent(spec::args);
        reader.stringTable("env").ifPresent(spec::env);
        Optional<String> url = reader.string("url");
        url.filter(u -> !u.isEmpty()).ifPresent(spec::url);
        reader.stringTable("headers").ifPresent(spec::headers);
        reader.string("tls_ca_cert_path").filter(path -> !path.isEmpty()).ifPresent(spec::tlsCaCertPath);
        reader.strings("pinned_resources").ifPresent(spec::pinnedResources);
        readCwd(reader).ifPresent(spec::cwd);
        reader.bool("enabled").ifPresent(spec::enabled);
        readTimeouts(reader, spec);
        readRestart(reader, spec);

        transport.ifPresent(t -> checkTransportRules(reader, name, t, command, url));
        return errors.count() == errorsBefore ? Optional.of(spec.build()) : Optional.empty();
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
        transport.filter(t -> !transports.accepts(t)).ifPresent(t -> errors.add(reader.valuePosition("transport"),
                transports.refusal(t)));
        return transport.filter(transports::accepts);
    }

    private Optional<String> readCwd(TableReader reader) {
        Optional<String> cwd = reader.string("cwd");
        if (cwd.isPresent() && !AbsolutePath.isValid(cwd.get())) {
            errors.add(reader.valuePosition("cwd"), "'cwd' must be an absolute path, got '" + cwd.get() + "'");
            return Optional.empty();
        }
        return cwd;
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

    private void checkTransportRules(
            TableReader reader, String name, String transport, Optional<String> command, Optional<String> url) {
        String server = name.isEmpty() ? "this server" : "server '" + name + "'";
        switch (transport) {
            case STDIO -> checkStdio(reader, server, command);
            case HTTP, SSE -> checkRemote(reader, server, transport, url);
            default -> { } // a plugin's transport: the plugin checks its own settings
        }
    }

    // command is empty when it is missing or not a string; a wrong type was reported when it was read.
    private void checkStdio(TableReader reader, String server, Optional<String> command) {
        boolean missing = !reader.has("command");
        if (missing || command.map(String::isBlank).orElse(false)) {
            TomlPosition at = missing ? reader.position() : reader.valuePosition("command");
            errors.add(at, server + " uses the stdio transport and needs a non-empty 'command'");
        }
        rejectFilled(reader, REMOTE_KEYS, "'%s' is only used by the http and sse transports; " + server + " uses stdio");
    }

    private void checkRemote(TableReader reader, String server, String transport, Optional<String> url) {
        boolean missing = !reader.has("url");
        if (missing || url.map(String::isEmpty).orElse(false)) {
            TomlPosition at = missing ? reader.position() : reader.valuePosition("url");
            errors.add(at, server + " uses the " + transport + " transport and needs a 'url' (http:// or https://)");
        } else if (url.isPresent() && !RemoteUrl.isValid(url.get())) {
            errors.add(reader.valuePosition("url"), "'url' must be an http:// or https:// URL with a host");
        }
        rejectFilled(reader, STDIO_KEYS, "'%s' is only used by the stdio transport; " + server + " uses "
                + transport + ": remove it or leave it empty");
    }

    // Type problems were reported when the keys were read; this looks only at what they hold.
    private void rejectFilled(TableReader reader, List<String> keys, String messageFormat) {
        for (String key : keys) {
            Object value = reader.table().get(List.of(key));
            if (value != null && !isEmpty(value)) {
                errors.add(reader.keyPosition(key), String.format(messageFormat, key));
            }
        }
    }

    private static boolean isEmpty(Object value) {
        if (value instanceof String string) {
            return string.isEmpty();
        } else if (value instanceof TomlTable table) {
            return table.isEmpty();
        } else if (value instanceof TomlArray array) {
            return array.isEmpty();
        }
        return false;
    }
}
