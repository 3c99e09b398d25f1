package dev.zeroclaw.daemon.reload;

import dev.zeroclaw.api.ConfigError;
import dev.zeroclaw.api.ServerSpec;
import dev.zeroclaw.api.transport.ServerEntry;
import dev.zeroclaw.api.transport.Transport;
import dev.zeroclaw.api.transport.TransportContext;
import dev.zeroclaw.api.transport.TransportProvider;
import java.util.List;

/**
 * Transport {@code throwing}: its provider's {@code validate} throws an {@link Error}, as a buggy plugin or an
 * exhausted JVM would, so that a reload that starts such a server fails in a way no checked path expects.
 */
final class ThrowingProvider implements TransportProvider {

    static final String NAME = "throwing";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<ConfigError> validate(ServerEntry entry) {
        throw new OutOfMemoryError("Required array size too large (thrown by the test's provider)");
    }

    @Override
    public Transport open(ServerSpec spec, TransportContext context) {
        throw new StackOverflowError("never opened: validation throws first");
    }
}
