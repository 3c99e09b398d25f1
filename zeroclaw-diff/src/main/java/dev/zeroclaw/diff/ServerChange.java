package dev.zeroclaw.diff;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * A server present in both configurations whose entry changed.
 *
 * @param name the server
 * @param fields the changed config keys, e.g. {@code args}, {@code env.API_KEY},
 *     {@code tool_timeout_secs}; names only, never values
 */
public record ServerChange(String name, List<String> fields) {

    public ServerChange {
        requireNonNull(name, "name is null");
        fields = List.copyOf(fields);
    }
}
