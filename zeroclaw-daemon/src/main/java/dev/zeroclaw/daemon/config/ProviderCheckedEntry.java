package dev.zeroclaw.daemon.config;

import static java.util.Objects.requireNonNull;

import dev.zeroclaw.api.ConfigError;
import dev.zeroclaw.api.ServerSpec;
import dev.zeroclaw.api.transport.ServerEntry;

/**
 * A server entry handed to its provider's {@code validate}. The parsed configuration keeps no
 * positions, so a provider's problem is reported at the file, naming the server and the key.
 *
 * @param file the file as the user named it
 * @param spec the entry
 */
record ProviderCheckedEntry(String file, ServerSpec spec) implements ServerEntry {

    ProviderCheckedEntry {
        requireNonNull(file, "file is null");
        requireNonNull(spec, "spec is null");
    }

    @Override
    public ConfigError errorAt(String key, String message) {
        return ConfigError.ofFile(file, "server '" + spec.name() + "', " + key + ": " + message);
    }
}
