package dev.zeroclaw.config;

import static java.util.Objects.requireNonNull;

import dev.zeroclaw.api.ConfigError;
import dev.zeroclaw.api.ServerSpec;
import dev.zeroclaw.api.transport.ServerEntry;

/** A parsed server entry as its provider validates it: errors point where the keys were written. */
record PositionedServerEntry(ServerSpec spec, EntryPositions positions) implements ServerEntry {

    PositionedServerEntry {
        requireNonNull(spec, "spec is null");
        requireNonNull(positions, "positions is null");
    }

    @Override
    public ConfigError errorAt(String key, String message) {
        return positions.errorAt(key, message);
    }
}
