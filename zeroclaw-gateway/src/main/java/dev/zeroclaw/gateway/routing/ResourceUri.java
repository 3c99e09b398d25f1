package dev.zeroclaw.gateway.routing;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * A resource URI (or URI template) as clients see it: {@code zeroclaw://<server>/<original URI>},
 * e.g. {@code zeroclaw://memory/file:///notes.md}. The original follows the first {@code /} after
 * the server name unchanged, so a template's {@code {placeholders}} survive and a client expands
 * them as usual. Server names hold no {@code /}, which makes the split unambiguous.
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

    public String qualified() {
        return PREFIX + server + "/" + original;
    }

    static Optional<ResourceUri> parse(String qualified) {
        if (!qualified.startsWith(PREFIX)) {
            return Optional.empty();
        }
        int slash = qualified.indexOf('/', PREFIX.length());
        if (slash <= PREFIX.length() || slash == qualified.length() - 1) {
            return Optional.empty();
        }
        return Optional.of(new ResourceUri(qualified.substring(PREFIX.length(), slash), qualified.substring(slash + 1)));
    }
}
