package dev.zeroclaw.examples.socket;

import static java.util.Objects.requireNonNull;

import dev.zeroclaw.api.ConfigError;
import dev.zeroclaw.api.ServerSpec;
import dev.zeroclaw.api.transport.ServerEntry;
import dev.zeroclaw.api.transport.Transport;
import dev.zeroclaw.api.transport.TransportContext;
import dev.zeroclaw.api.transport.TransportProvider;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

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
 * </pre>
 */
public final class SocketTransportProvider implements TransportProvider {

    public static final String NAME = "socket";

    /** For {@link java.util.ServiceLoader}. */
    public SocketTransportProvider() {}

    @Override
    public String name() {
        return NAME;
    }

    /** A {@code url} of the form {@code tcp://host:port} or {@code unix:///path}; no stdio settings. */
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
        return List.copyOf(errors);
    }

    /** @throws IllegalArgumentException when the url is not one {@link #validate} accepts */
    @Override
    public Transport open(ServerSpec spec, TransportContext context) {
        requireNonNull(spec, "spec is null");
        requireNonNull(context, "context is null");
        SocketEndpoint endpoint = SocketEndpoint.parse(spec.url()
                .orElseThrow(() -> new IllegalArgumentException("the socket transport needs a url")));
        return new SocketTransport(endpoint, Duration.ofSeconds(spec.startupTimeoutSecs()), context);
    }
}
