package dev.zeroclaw.daemon.reload;

import dev.zeroclaw.api.ConfigError;
import dev.zeroclaw.api.ServerSpec;
import dev.zeroclaw.api.transport.ServerEntry;
import dev.zeroclaw.api.transport.Transport;
import dev.zeroclaw.api.transport.TransportContext;
import dev.zeroclaw.api.transport.TransportProvider;
import java.util.List;

/** Transport {@code refusing}: its provider finds every entry wrong, as a plugin's own rule would. */
final class RefusingProvider implements TransportProvider {

    static final String NAME = "refusing";
    static final String WHY = "the refusing transport accepts no server";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<ConfigError> validate(ServerEntry entry) {
        return List.of(entry.errorAt("transport", WHY));
    }

    @Override
    public Transport open(ServerSpec spec, TransportContext context) {
        throw new UnsupportedOperationException("never opened: validation refuses every entry");
    }
}
