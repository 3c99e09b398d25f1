package dev.zeroclaw.config;

import static java.util.Objects.requireNonNull;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Which values of a server's {@code transport} a parser accepts: the names it knows, and, for the
 * daemon, any other well-formed name as well (a plugin's, whether installed or not).
 */
final class TransportNames {

    /** The spelling the SPI asks of a provider's name: lower-case letters, digits and {@code -}. */
    private static final Pattern WELL_FORMED = Pattern.compile("[a-z0-9][a-z0-9-]*");

    private final Set<String> known;
    private final boolean anyWellFormed;

    TransportNames(Set<String> known, boolean anyWellFormed) {
        this.known = new TreeSet<>(requireNonNull(known, "known is null"));
        this.anyWellFormed = anyWellFormed;
    }

    /** The names known by name, sorted; the built-in ones among them get their own checks. */
    Set<String> known() {
        return known;
    }

    boolean accepts(String name) {
        return known.contains(name) || (anyWellFormed && WELL_FORMED.matcher(name).matches());
    }

    /** Why {@code name} is refused, for an error message. */
    String refusal(String name) {
        if (anyWellFormed) {
            return "transport '" + name + "' is not a valid transport name: lower-case letters, digits and '-'";
        }
        return KeySuggester.unknown("transport", name, known, "known transports");
    }
}
