package dev.zeroclaw.examples.socket;

import static java.util.Objects.requireNonNull;

import dev.zeroclaw.api.ConfigError;
import dev.zeroclaw.api.ServerSpec;
import dev.zeroclaw.api.TransportOptions;
import dev.zeroclaw.api.transport.ServerEntry;
import dev.zeroclaw.api.transport.Transport;
import dev.zeroclaw.api.transport.TransportContext;
import dev.zeroclaw.api.transport.TransportProvider;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * The {@code socket} transport: an MCP server that listens on a TCP or Unix domain socket and
 * speaks newline-delimited JSON-RPC there, as stdio servers do on their stdin and stdout. That is
 * any stdio server behind systemd socket activation ({@code Accept=yes}), inetd or
 * {@code socat TCP-LISTEN:...,fork EXEC:...}, and servers that listen on a socket themselves.
 *
 * <pre>
 * [[mcp.servers]]
 * name = "everything"
 * transport = "socket"
 * url = "tcp://127.0.0.1:9000"      # or "unix:///run/mcp/everything.sock"
 * options = { connect_timeout_ms = 2000 }   # optional; else startup_timeout_secs bounds the connect
 * </pre>
 */
public final class SocketTransportProvider implements TransportProvider {

    public static final String NAME = "socket";
    /** The option bounding the connect, in milliseconds. */
    public static final String CONNECT_TIMEOUT_MS = "connect_timeout_ms";
    static final long MAX_CONNECT_TIMEOUT_MS = 600_000;

    /** For {@link java.util.ServiceLoader}. */
    public SocketTransportProvider() {}

    @Override
    public String name() {
        return NAME;
    }

    /**
     * A {@code url} of the form {@code tcp://host:port} or {@code unix:///path}; no stdio settings;
     * of the options only {@code connect_timeout_ms}, an integer from 1 to 600000.
     */
    @Override
    public List<ConfigError> validate(ServerEntry entry) {
        requireNonNull(entry, "entry is null");
        ServerSpec spec = entry.spec();
        List<ConfigError> errors = new ArrayList<>();
        if (spec.url().isEmpty()) {
            errors.add(entry.errorAt("url", "the socket transport needs a url, e.g. url = \"tcp://127.0.0.1:9000\""));
        } else {
            try {
                SocketEndpoint.parse(spec.url().get());
            } catch (IllegalArgumentException e) {
                errors.add(entry.errorAt("url", e.getMessage()));
            }
        }
        if (!spec.command().isEmpty()) {
            errors.add(entry.errorAt("command", "the socket transport connects to a running server; it runs no command"));
        }
        checkOptions(entry, errors);
        return List.copyOf(errors);
    }

    // Each problem at its option's file:line:column: entry.errorAt knows where every option was written.
    private static void checkOptions(ServerEntry entry, List<ConfigError> errors) {
        TransportOptions options = entry.options();
        for (String key : options.keys()) {
            if (!key.equals(CONNECT_TIMEOUT_MS)) {
                errors.add(entry.errorAt("options." + key,
                        "unknown option '" + key + "' of the socket transport; its only option is " + CONNECT_TIMEOUT_MS));
            }
        }
        try {
            options.integer(CONNECT_TIMEOUT_MS).ifPresent(ms -> {
                if (ms < 1 || ms > MAX_CONNECT_TIMEOUT_MS) {
                    errors.add(entry.errorAt("options." + CONNECT_TIMEOUT_MS, "'options." + CONNECT_TIMEOUT_MS
                            + "' must be between 1 and " + MAX_CONNECT_TIMEOUT_MS + " (milliseconds), got " + ms));
                }
            });
        } catch (IllegalArgumentException e) {
            errors.add(entry.errorAt("options." + CONNECT_TIMEOUT_MS, e.getMessage()));
        }
    }

    /** @throws IllegalArgumentException when the url is not one {@link #validate} accepts */
    @Override
    public Transport open(ServerSpec spec, TransportContext context) {
        requireNonNull(spec, "spec is null");
        requireNonNull(context, "context is null");
        SocketEndpoint endpoint = SocketEndpoint.parse(spec.url()
                .orElseThrow(() -> new IllegalArgumentException("the socket transport needs a url")));
        OptionalLong connectTimeoutMs = spec.options().integer(CONNECT_TIMEOUT_MS);
        Duration connectTimeout = connectTimeoutMs.isPresent()
                ? Duration.ofMillis(connectTimeoutMs.getAsLong())
                : Duration.ofSeconds(spec.startupTimeoutSecs());
        return new SocketTransport(endpoint, connectTimeout, context);
    }
}
