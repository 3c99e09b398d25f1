package dev.zeroclaw.api.transport;

import dev.zeroclaw.api.ConfigError;
import dev.zeroclaw.api.ServerSpec;

/** A server entry under validation: its values, and a way to point at one of its keys. */
public interface ServerEntry {

    /** The entry with defaults applied. */
    ServerSpec spec();

    /**
     * A problem located at {@code key} of this entry (its config spelling, e.g. {@code url}); at
     * the entry itself when the key is absent. The message must not quote an {@code env} or
     * {@code headers} value.
     */
    ConfigError errorAt(String key, String message);
}
