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
 * The {@code http} transport: MCP's Streamable HTTP (2025-03-26 and later) to the server at
 * {@code url}, with {@code headers} on every request and {@code tls_ca_cert_path} trusted.
 */
public final class HttpTransportProvider implements TransportProvider {

    public static final String NAME = "http";

    /** For {@link java.util.ServiceLoader}. */
    public HttpTransportProvider() {}

    @Override
    public String name() {
        return NAME;
    }

    /**
     * An http(s) {@code url} as upstream ZeroClaw parses it (the WHATWG URL Standard), headers HTTP
     * allows and the transport does not set. The CA file is read when the server starts.
     */
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
        return new StreamableHttpTransport(spec, context);
    }
}
