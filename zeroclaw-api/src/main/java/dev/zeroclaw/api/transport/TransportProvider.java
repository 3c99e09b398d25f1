package dev.zeroclaw.api.transport;

import dev.zeroclaw.api.ConfigError;
import dev.zeroclaw.api.ServerSpec;
import java.util.List;

/**
 * Makes transports of one kind. One instance serves every server of its kind, from any thread.
 *
 * <p>Found with {@link java.util.ServiceLoader}: a public class with a public no-argument
 * constructor, listed in {@code META-INF/services/dev.zeroclaw.api.transport.TransportProvider}.
 */
public interface TransportProvider {

    /**
     * The value of {@code transport} in a server entry that selects this provider, e.g.
     * {@code stdio}. Lower-case letters, digits and {@code -}; unique among installed providers.
     */
    String name();

    /**
     * Checks the parts of an entry only this transport understands (a {@code url} scheme, a
     * required {@code command}, its {@link ServerEntry#options() options}: their names, types and
     * values). Called for every server of this transport by
     * {@code zeroclaw config check} and {@code zeroclaw diff}, by a reload for each server it
     * would start or restart (a problem refuses the reload) and at the daemon's start for each
     * server it runs (a problem refuses the start), so
     * it must be fast and must not do I/O beyond the file system. The generic rules (names, types,
     * timeouts) are checked already; an option's key is this method's to check, unknown ones too.
     *
     * @return every problem found, each made with {@link ServerEntry#errorAt}; empty when valid
     */
    default List<ConfigError> validate(ServerEntry entry) {
        return List.of();
    }

    /**
     * What in an entry this transport ignores but a reader may not expect to be ignored: settings of
     * another transport left behind when only {@code transport} changed (upstream ZeroClaw's
     * {@code config set} leaves them), say. Shown by {@code zeroclaw config check} and in reload
     * reports; never refuses anything. The same rules of speed and I/O as {@link #validate} apply.
     *
     * @return every warning, each made with {@link ServerEntry#errorAt}; empty by default
     */
    default List<ConfigError> warnings(ServerEntry entry) {
        return List.of();
    }

    /**
     * Creates the transport of one instance of a server, not yet started. Must not block. A reload
     * that restarts a server calls this again for the new instance while the old one still runs.
     */
    Transport open(ServerSpec spec, TransportContext context);
}
