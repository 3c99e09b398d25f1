package dev.zeroclaw.daemon.imports;

import static java.util.Objects.requireNonNull;

import dev.zeroclaw.api.ServerSpec;
import java.util.List;

/**
 * One server as imported: the entry zeroclaw will run, and the {@code env} or {@code headers} keys
 * whose values could not be carried over (a VS Code {@code ${input:...}}), which the TOML marks with a
 * commented line in their place.
 *
 * @param spec the server, as {@code ConfigParser} will read it back from the TOML
 * @param leftOut the keys left out, in the client's order
 */
public record ImportedServer(ServerSpec spec, List<LeftOut> leftOut) {

    public ImportedServer {
        requireNonNull(spec, "spec is null");
        leftOut = List.copyOf(leftOut);
    }

    /** The server's name, as the client gave it. */
    public String name() {
        return spec.name();
    }

    /**
     * A key of {@code env} or {@code headers} left out.
     *
     * @param table {@code env} or {@code headers}
     * @param key the key, as the client gave it
     * @param reason why, for the comment (never the value)
     */
    public record LeftOut(String table, String key, String reason) {

        public LeftOut {
            requireNonNull(table, "table is null");
            requireNonNull(key, "key is null");
            requireNonNull(reason, "reason is null");
        }
    }
}
