package dev.zeroclaw.gateway.routing;

import static java.util.Objects.requireNonNull;

import dev.zeroclaw.api.ServerPrefixes;
import java.util.Optional;

/**
 * A tool or prompt name as clients see it: {@code <prefix>__<name>}, upstream ZeroClaw's
 * convention, where the prefix is the server's name made fit for clients ({@link ServerPrefixes}).
 * The gateway's lists name them with {@code ExposedNames}, whose table maps names back; this split
 * serves names outside it (a server not READY when the client listed). Prefixes never contain
 * {@code __} but may end in {@code _}, and tool names may contain {@code __}, so a name is split at
 * the longest prefix it starts with, never just at the first separator.
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

    /** The server and original name of {@code qualified}, among the configured servers; empty if none matches. */
    static Optional<NamespacedName> parse(String qualified, ServerPrefixes prefixes) {
        String best = null;
        for (String prefix : prefixes.byServer().values()) {
            if (qualified.length() > prefix.length() + SEPARATOR.length()
                    && qualified.startsWith(prefix + SEPARATOR)
                    && (best == null || prefix.length() > best.length())) {
                best = prefix;
            }
        }
        if (best == null) {
            return Optional.empty();
        }
        return Optional.of(new NamespacedName(prefixes.server(best).orElseThrow(),
                qualified.substring(best.length() + SEPARATOR.length())));
    }

    /**
     * Why {@code qualified} names no {@code what} of the configured servers, for the client's error;
     * empty when it names a server that is not configured ({@link #guessServer} says which).
     */
    static Optional<String> whyNoMatch(String qualified, ServerPrefixes prefixes, String what) {
        for (String prefix : prefixes.byServer().values()) {
            if (qualified.equals(prefix + SEPARATOR)) {
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
