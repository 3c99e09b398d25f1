package dev.zeroclaw.benchmarks.toml;

import java.time.OffsetDateTime;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The first place where two neutral documents (see {@link CandidateParser}) differ, described in
 * one line: {@code at mcp.servers[1].headers: missing}.
 *
 * <p>Values are compared as TOML means them: integers as {@code long}, floats numerically with
 * every NaN equal to every other, offset date-times by instant (an offset written differently is
 * the same moment), local dates and times by value. Types must match: {@code 1} is not {@code 1.0}.
 */
public final class DocumentDifference {

    private static final Pattern BARE_KEY = Pattern.compile("[A-Za-z0-9_-]+");
    private static final int SHOWN_CHARS = 60;

    private DocumentDifference() {}

    /** Empty when {@code actual} is what {@code expected} says. */
    public static Optional<String> between(Object expected, Object actual) {
        return between(expected, actual, "");
    }

    private static Optional<String> between(Object expected, Object actual, String path) {
        if (expected instanceof Map) {
            return actual instanceof Map
                    ? betweenTables((Map<?, ?>) expected, (Map<?, ?>) actual, path)
                    : Optional.of(at(path) + "expected a table, got " + describe(actual));
        }
        if (expected instanceof List) {
            return actual instanceof List
                    ? betweenArrays((List<?>) expected, (List<?>) actual, path)
                    : Optional.of(at(path) + "expected an array, got " + describe(actual));
        }
        return sameScalar(expected, actual)
                ? Optional.empty()
                : Optional.of(at(path) + "expected " + describe(expected) + ", got " + describe(actual));
    }

    private static Optional<String> betweenTables(Map<?, ?> expected, Map<?, ?> actual, String path) {
        for (Map.Entry<?, ?> entry : expected.entrySet()) {
            String child = child(path, String.valueOf(entry.getKey()));
            if (!actual.containsKey(entry.getKey())) {
                return Optional.of(at(child) + "missing" + instead(expected, actual));
            }
            Optional<String> difference = between(entry.getValue(), actual.get(entry.getKey()), child);
            if (difference.isPresent()) {
                return difference;
            }
        }
        for (Object key : actual.keySet()) {
            if (!expected.containsKey(key)) {
                return Optional.of(at(child(path, String.valueOf(key))) + "not expected, got "
                        + describe(actual.get(key)));
            }
        }
        return Optional.empty();
    }

    // Names what the library made of the key: a key kept with its quotes shows up here.
    private static String instead(Map<?, ?> expected, Map<?, ?> actual) {
        String extra = actual.keySet().stream()
                .filter(key -> !expected.containsKey(key))
                .map(key -> child("", String.valueOf(key)))
                .collect(Collectors.joining(", "));
        return extra.isEmpty() ? "" : "; the table has instead " + extra;
    }

    private static Optional<String> betweenArrays(List<?> expected, List<?> actual, String path) {
        if (expected.size() != actual.size()) {
            return Optional.of(at(path) + "expected " + expected.size() + " elements, got " + actual.size());
        }
        Iterator<?> got = actual.iterator();
        int index = 0;
        for (Object element : expected) {
            Optional<String> difference = between(element, got.next(), path + "[" + index++ + "]");
            if (difference.isPresent()) {
                return difference;
            }
        }
        return Optional.empty();
    }

    private static boolean sameScalar(Object expected, Object actual) {
        if (expected == null || actual == null || expected.getClass() != actual.getClass()) {
            return false;
        }
        if (expected instanceof Double) {
            double e = (Double) expected;
            double a = (Double) actual;
            return (Double.isNaN(e) && Double.isNaN(a)) || e == a;
        }
        if (expected instanceof OffsetDateTime) {
            return ((OffsetDateTime) expected).isEqual((OffsetDateTime) actual);
        }
        return expected.equals(actual);
    }

    private static String child(String path, String key) {
        String shown = BARE_KEY.matcher(key).matches() ? key : '"' + escape(key) + '"';
        return path.isEmpty() ? shown : path + "." + shown;
    }

    private static String at(String path) {
        return "at " + (path.isEmpty() ? "(root)" : path) + ": ";
    }

    private static String describe(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof Map) {
            return "a table";
        }
        if (value instanceof List) {
            return "an array";
        }
        String text = value instanceof String ? '"' + escape((String) value) + '"' : String.valueOf(value);
        if (text.length() > SHOWN_CHARS) {
            text = text.substring(0, SHOWN_CHARS) + "…";
        }
        return value.getClass().getSimpleName() + " " + text;
    }

    private static String escape(String text) {
        StringBuilder escaped = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            if (c == '"' || c == '\\') {
                escaped.append('\\').appendCodePoint(c);
            } else if (c < 0x20 || c == 0x7f) {
                escaped.append(String.format("\\u%04x", c));
            } else {
                escaped.appendCodePoint(c);
            }
        });
        return escaped.toString();
    }
}
