package dev.zeroclaw.gateway.routing;

import static java.util.Objects.requireNonNull;

import java.util.Collection;
import java.util.Optional;

/**
 * A tool or prompt name as clients see it: {@code <server>__<name>}, upstream ZeroClaw's
 * convention. Server names never contain {@code __} (the config refuses them) but may end in
 * {@code _}, and tool names may contain {@code __}, so a name is split at the longest configured
 * server name it starts with, never just at the first separator.
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

    /**
     * Why {@code qualified} names no {@code what} of {@code servers}, for the client's error; empty
     * when it names a server that is not configured ({@link #guessServer} says which).
     */
    static Optional<String> whyNoMatch(String qualified, Collection<String> servers, String what) {
        for (String server : servers) {
            if (qualified.equals(server + SEPARATOR)) {
                return Optional.of("no " + what + " name follows '" + qualified + "'; names are <server>" + SEPARATOR
                        + "<" + what + ">");
            }
        }
        return guessServer(qualified).isEmpty()
                ? Optional.of("names are <server>" + SEPARATOR + "<" + what + ">")
                : Optional.empty();
    }

    /** The server part of {@code qualified} when no configured server matches: what the client meant. */
    static String guessServer(String qualified) {
        int at = qualified.indexOf(SEPARATOR);
        return at <= 0 ? "" : qualified.substring(0, at);
    }
}
