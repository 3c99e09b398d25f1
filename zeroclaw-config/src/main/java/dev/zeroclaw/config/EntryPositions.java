package dev.zeroclaw.config;

import static java.util.Objects.requireNonNull;

import dev.zeroclaw.api.ConfigError;
import dev.zeroclaw.api.ConfigPosition;
import java.util.Map;

/**
 * Where one server entry and each of its keys were written, recorded when the file is parsed, so
 * that a problem found later (by a transport provider, during a reload) points at its place
 * without parsing the file again.
 *
 * @param file the file as the user named it
 * @param entry where the entry starts ({@code [[mcp.servers]]} or its inline table)
 * @param keys where each key's value starts: {@code url}, and for tables each nested key too
 *     ({@code env.API_KEY}, {@code options.subprotocol})
 */
record EntryPositions(String file, ConfigPosition entry, Map<String, ConfigPosition> keys) {

    EntryPositions {
        requireNonNull(file, "file is null");
        requireNonNull(entry, "entry is null");
        keys = Map.copyOf(keys);
    }

    /** {@code message} at {@code key}; at the closest enclosing key present, else at the entry. */
    ConfigError errorAt(String key, String message) {
        requireNonNull(key, "key is null");
        requireNonNull(message, "message is null");
        // A quoted key may itself hold dots ("headers.X.Y"): try the whole path first, then shorter ones.
        String path = key;
        while (true) {
            ConfigPosition at = keys.get(path);
            if (at != null) {
                return at.error(file, message);
            }
            int dot = path.lastIndexOf('.');
            if (dot < 0) {
                return entry.error(file, message);
            }
            path = path.substring(0, dot);
        }
    }
}
