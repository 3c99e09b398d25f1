package dev.zeroclaw.api.transport;

import dev.zeroclaw.api.ConfigError;
import dev.zeroclaw.api.ServerSpec;
import dev.zeroclaw.api.TransportOptions;

/** A server entry under validation: its values, and a way to point at one of its keys. */
public interface ServerEntry {

    /** The entry with defaults applied. */
    ServerSpec spec();

    /**
     * A problem located at {@code key} of this entry, in its config spelling: {@code url}, or a
     * dotted path into a table, {@code options.subprotocol}, {@code headers.Authorization}. The
     * error points where the key's value starts (a {@code file:line:column} the daemon recorded
     * when it parsed the file); at the closest enclosing key that is present when that key is
     * absent ({@code options}), else at the entry itself ({@code [[mcp.servers]]}). The message
     * must not quote an {@code env} or {@code headers} value.
     */
    ConfigError errorAt(String key, String message);

    /** The entry's transport options, with the position of each; {@code spec().options()}. */
    default TransportOptions options() {
        return spec().options();
    }
}
