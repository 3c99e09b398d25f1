package dev.zeroclaw.config;

import static java.util.Objects.requireNonNull;

import dev.zeroclaw.api.ServerPrefixes;
import java.util.HashMap;
import java.util.Map;
import org.tomlj.TomlPosition;

/**
 * Checks server names as upstream ZeroClaw does: any name that is not empty after trimming, unique
 * ignoring ASCII case ({@code github.com}, {@code my server}, {@code a__b} are all names). What
 * clients see as the prefix of a tool is a sanitised form of it ({@code ServerPrefixes}).
 *
 * <p>One departure: a control character (a line break, say) is refused, because a name is written
 * into log lines and the record of running children, one per line.
 *
 * <p>One per parse: it remembers the names already seen in the file.
 */
final class ServerNames {

    private record FirstUse(String name, TomlPosition position) {}

    private final ErrorCollector errors;
    // ASCII-lower-cased trimmed name -> the entry that used it first; filled in file order.
    private final Map<String, FirstUse> seen = new HashMap<>();

    ServerNames(ErrorCollector errors) {
        this.errors = requireNonNull(errors, "errors is null");
    }

    /** Reports what is wrong with {@code name}, found at {@code at}; true when nothing is. */
    boolean check(String name, TomlPosition at) {
        String trimmed = name.strip();
        if (trimmed.isEmpty()) {
            errors.add(at, "server name must not be empty");
            return false;
        }
        if (name.chars().anyMatch(Character::isISOControl)) {
            errors.add(at, "server name '" + printable(name) + "' must not contain a control character (a line break,"
                    + " a tab, ...): names appear in log lines");
            return false;
        }
        FirstUse first = seen.putIfAbsent(ServerPrefixes.asciiLowerCase(trimmed), new FirstUse(name, at));
        if (first != null) {
            errors.add(at, "duplicate server name '" + name + "': '" + first.name() + "' is already defined at "
                    + errors.location(first.position()) + " (names must be unique ignoring case)");
            return false;
        }
        return true;
    }

    private static String printable(String name) {
        StringBuilder out = new StringBuilder();
        name.chars().forEach(c -> out.append(Character.isISOControl(c) ? String.format("\\u%04x", c) : String.valueOf((char) c)));
        return out.toString();
    }
}
