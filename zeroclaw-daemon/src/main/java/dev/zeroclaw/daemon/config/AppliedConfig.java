package dev.zeroclaw.daemon.config;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The configuration the daemon runs now. Replaced whole when a reload has applied a new one;
 * readers on any thread see either the old snapshot or the new one, never a mix.
 */
public final class AppliedConfig {

    private final AtomicReference<ConfigSnapshot> current = new AtomicReference<>();

    public Optional<ConfigSnapshot> current() {
        return Optional.ofNullable(current.get());
    }

    /** The applied snapshot; only valid once the daemon has loaded its first configuration. */
    public ConfigSnapshot get() {
        ConfigSnapshot snapshot = current.get();
        if (snapshot == null) {
            throw new IllegalStateException("no configuration has been applied yet");
        }
        return snapshot;
    }

    public void replace(ConfigSnapshot next) {
        current.set(requireNonNull(next, "next is null"));
    }
}
