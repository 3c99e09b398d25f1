package dev.zeroclaw.daemon.embedded;

import static java.util.Objects.requireNonNull;

import com.google.inject.Binder;
import com.google.inject.Module;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import dev.zeroclaw.api.transport.TransportProvider;
import dev.zeroclaw.plugins.TransportCatalog;
import dev.zeroclaw.signal.SdNotify;
import java.util.List;

/**
 * What an embedded daemon binds differently from {@code zeroclaw daemon}: the transport providers
 * it is given instead of those installed, and no sd_notify (a benchmark run from a systemd unit
 * must not tell systemd it is ready or reloading).
 */
final class EmbeddedOverrides implements Module {

    private final List<TransportProvider> providers;

    EmbeddedOverrides(List<TransportProvider> providers) {
        this.providers = List.copyOf(requireNonNull(providers, "providers is null"));
    }

    @Override
    public void configure(Binder binder) {}

    @Provides
    @Singleton
    TransportCatalog transportCatalog() {
        return TransportCatalog.of(providers);
    }

    @Provides
    @Singleton
    SdNotify sdNotify() {
        return SdNotify.disabled();
    }
}
