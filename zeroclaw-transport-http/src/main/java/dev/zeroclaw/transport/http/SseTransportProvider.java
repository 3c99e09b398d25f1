package dev.zeroclaw.transport.http;

import static java.util.Objects.requireNonNull;

import dev.zeroclaw.api.ConfigError;
import dev.zeroclaw.api.ServerSpec;
import dev.zeroclaw.api.transport.ServerEntry;
import dev.zeroclaw.api.transport.Transport;
import dev.zeroclaw.api.transport.TransportContext;
import dev.zeroclaw.api.transport.TransportProvider;
import java.util.List;

/**
 * The {@code sse} transport: MCP's legacy HTTP+SSE (2024-11-05) to the event stream at {@code url},
 * with {@code headers} on every request and {@code tls_ca_cert_path} trusted.
 */
public final class SseTransportProvider implements TransportProvider {

    public static final String NAME = "sse";

    /** For {@link java.util.ServiceLoader}. */
    public SseTransportProvider() {}

    @Override
    public String name() {
        return NAME;
    }

    /** The same rules as {@code http}: the two differ in the protocol, not in their settings. */
    @Override
    public List<ConfigError> validate(ServerEntry entry) {
        return RemoteEndpoint.validate(entry);
    }

    /** A CA file that is missing or wrong, an https host the JDK cannot check a certificate for. */
    @Override
    public List<ConfigError> warnings(ServerEntry entry) {
        return RemoteEndpoint.warnings(entry);
    }

    @Override
    public Transport open(ServerSpec spec, TransportContext context) {
        requireNonNull(spec, "spec is null");
        requireNonNull(context, "context is null");
        return new LegacySseTransport(spec, context);
    }
}
