package dev.zeroclaw.gateway.routing;

import static java.util.Objects.requireNonNull;

import dev.zeroclaw.api.ServerPrefixes;
import java.util.Optional;

/**
 * A resource URI (or URI template) as clients see it: {@code zeroclaw://<prefix>/<original URI>},
 * e.g. {@code zeroclaw://memory/file:///notes.md}, where the prefix is the server's name made fit
 * for clients ({@link ServerPrefixes}). The original follows the first {@code /} after the prefix
 * unchanged, so a template's {@code {placeholders}} survive and a client expands them as usual.
 * Prefixes hold no {@code /}, which makes the split unambiguous.
 *
 * @param server the configured server name
 * @param original the URI the server itself uses
 */
public record ResourceUri(String server, String original) {

    public static final String PREFIX = "zeroclaw://";

    public ResourceUri {
        requireNonNull(server, "server is null");
        requireNonNull(original, "original is null");
    }

    public String qualified(ServerPrefixes prefixes) {
        return PREFIX + prefixes.prefix(server) + "/" + original;
    }

    /**
     * The server and original URI of {@code qualified}; a prefix no configured server has is taken
     * as the server's name, so the caller's error names what the client asked for.
     */
    static Optional<ResourceUri> parse(String qualified, ServerPrefixes prefixes) {
        if (!qualified.startsWith(PREFIX)) {
            return Optional.empty();
        }
        int slash = qualified.indexOf('/', PREFIX.length());
        if (slash <= PREFIX.length() || slash == qualified.length() - 1) {
            return Optional.empty();
        }
        String prefix = qualified.substring(PREFIX.length(), slash);
        return Optional.of(new ResourceUri(prefixes.server(prefix).orElse(prefix), qualified.substring(slash + 1)));
    }
}
