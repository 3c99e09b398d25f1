package dev.zeroclaw.config;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/**
 * Finds the known name a mistyped one most likely meant ({@code comand} → {@code command}), by edit
 * distance ignoring case and the difference between {@code -} and {@code _}.
 */
final class KeySuggester {

    private KeySuggester() {}

    /**
     * The sentence for a name that is not one of {@code known}: a suggestion when one is close, else
     * the whole list, e.g. {@code unknown key 'comand' — did you mean 'command'?}.
     *
     * @param kind what the name is, e.g. {@code key}, {@code transport}
     * @param listLabel how to introduce the list of known names, e.g. {@code valid keys}
     */
    static String unknown(String kind, String name, Collection<String> known, String listLabel) {
        String head = "unknown " + kind + " '" + name + "' — ";
        return closest(name, known)
                .map(suggestion -> head + "did you mean '" + suggestion + "'?")
                .orElseGet(() -> head + listLabel + " are: " + String.join(", ", known));
    }

    /** The closest known name, when it is close enough to be a likely typo. */
    static Optional<String> closest(String name, Collection<String> known) {
        String wanted = normalized(name);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : known) {
            String normalizedCandidate = normalized(candidate);
            int distance = distance(wanted, normalizedCandidate);
            int allowed = Math.max(2, Math.max(wanted.length(), normalizedCandidate.length()) / 3);
            if (distance <= allowed && distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        return Optional.ofNullable(best);
    }

    private static String normalized(String name) {
        return name.toLowerCase(Locale.ROOT).replace('-', '_');
    }

    // Levenshtein distance with two rows.
    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
