package dev.zeroclaw.config;

import static java.util.Objects.requireNonNull;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.tomlj.TomlPosition;

/**
 * Checks server names: letters, digits, {@code _} and {@code -}; no {@code __}, which separates the
 * server from the tool in the names clients see ({@code <server>__<tool>}); unique ignoring case.
 *
 * <p>One per parse: it remembers the names already seen in the file.
 */
final class ServerNames {

    private static final Pattern ALLOWED = Pattern.compile("[A-Za-z0-9_-]+");

    private record FirstUse(String name, TomlPosition position) {}

    private final ErrorCollector errors;
    // Lower-cased name -> the entry that used it first; filled in file order.
    private final Map<String, FirstUse> seen = new HashMap<>();

    ServerNames(ErrorCollector errors) {
        this.errors = requireNonNull(errors, "errors is null");
    }

    /** Reports what is wrong with {@code name}, found at {@code at}; true when nothing is. */
    boolean check(String name, TomlPosition at) {
        if (name.isEmpty()) {
            errors.add(at, "server name must not be empty");
            return false;
        }
        if (!ALLOWED.matcher(name).matches()) {
            errors.add(at, "server name '" + name + "' may contain only letters, digits, '_' and '-'");
            return false;
        }
        if (name.contains("__")) {
            errors.add(at, "server name '" + name + "' must not contain '__': tools are exposed as <server>__<tool>");
            return false;
        }
        FirstUse first = seen.putIfAbsent(name.toLowerCase(Locale.ROOT), new FirstUse(name, at));
        if (first != null) {
            errors.add(at, "duplicate server name '" + name + "': '" + first.name() + "' is already defined at "
                    + errors.location(first.position()) + " (names must be unique ignoring case)");
            return false;
        }
        return true;
    }
}
