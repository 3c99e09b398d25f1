package dev.zeroclaw.gateway.routing;

import static java.util.Objects.requireNonNull;

import java.util.Collection;
import java.util.Optional;

/**
 * A tool or prompt name as clients see it: {@code <server>__<name>}, upstream ZeroClaw's
 * convention. Server names may themselves contain {@code __}, so a name is split at the longest
 * configured server name it starts with, never just at the first separator.
 *
 * @param server the configured server name
 * @param name the name the server itself uses
 */
public record NamespacedName(String server, String name) {

    public static final String SEPARATOR = "__";

    public NamespacedName {
        requireNonNull(server, "server is null");
        requireNonNull(name, "name is null");
    }

    public String qualified() {
        return server + SEPARATOR + name;
    }

    /** The server and original name of {@code qualified}, among {@code servers}; empty if none matches. */
    static Optional<NamespacedName> parse(String qualified, Collection<String> servers) {
        String best = null;
        for (String server : servers) {
            if (qualified.length() > server.length() + SEPARATOR.length()
                    && qualified.startsWith(server + SEPARATOR)
                    && (best == null || server.length() > best.length())) {
                best = server;
            }
        }
        if (best == null) {
            return Optional.empty();
        }
        return Optional.of(new NamespacedName(best, qualified.substring(best.length() + SEPARATOR.length())));
    }

    /** The server part of {@code qualified} when no configured server matches: what the client meant. */
    static String guessServer(String qualified) {
        int at = qualified.indexOf(SEPARATOR);
        return at <= 0 ? "" : qualified.substring(0, at);
    }
}
