package dev.zeroclaw.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.tomlj.TomlArray;
import org.tomlj.TomlTable;

/**
 * Compares a parsed TOML value with toml-test's tagged JSON: {@code {"type": "integer", "value":
 * "42"}} for a value, an object for a table, an array for an array.
 */
final class TaggedJson {

    private TaggedJson() {}

    /** Where and how {@code actual} differs from {@code expected}, or empty when they are equal. */
    static Optional<String> mismatch(String path, Object actual, JsonNode expected) {
        if (isTagged(expected)) {
            return valueMismatch(path, actual, expected.get("type").asText(), expected.get("value").asText());
        }
        if (expected.isArray()) {
            return arrayMismatch(path, actual, expected);
        }
        if (expected.isObject()) {
            return tableMismatch(path, actual, expected);
        }
        return Optional.of(path + ": unexpected JSON " + expected);
    }

    private static boolean isTagged(JsonNode node) {
        return node.isObject()
                && node.size() == 2
                && node.path("type").isTextual()
                && node.path("value").isTextual();
    }

    private static Optional<String> tableMismatch(String path, Object actual, JsonNode expected) {
        if (!(actual instanceof TomlTable table)) {
            return Optional.of(path + ": expected a table, got " + describe(actual));
        }
        Set<String> expectedKeys = new TreeSet<>();
        expected.fieldNames().forEachRemaining(expectedKeys::add);
        Set<String> actualKeys = new TreeSet<>(table.keySet());
        if (!expectedKeys.equals(actualKeys)) {
            return Optional.of(path + ": expected keys " + expectedKeys + ", got " + actualKeys);
        }
        for (Map.Entry<String, Object> entry : table.entrySet()) {
            Optional<String> mismatch =
                    mismatch(path + "." + entry.getKey(), entry.getValue(), expected.get(entry.getKey()));
            if (mismatch.isPresent()) {
                return mismatch;
            }
        }
        return Optional.empty();
    }

    private static Optional<String> arrayMismatch(String path, Object actual, JsonNode expected) {
        if (!(actual instanceof TomlArray array)) {
            return Optional.of(path + ": expected an array, got " + describe(actual));
        }
        if (array.size() != expected.size()) {
            return Optional.of(path + ": expected " + expected.size() + " elements, got " + array.size());
        }
        Iterator<JsonNode> elements = expected.elements();
        for (int i = 0; i < array.size(); i++) {
            Optional<String> mismatch = mismatch(path + "[" + i + "]", array.get(i), elements.next());
            if (mismatch.isPresent()) {
                return mismatch;
            }
        }
        return Optional.empty();
    }

    private static Optional<String> valueMismatch(String path, Object actual, String type, String value) {
        Object wanted = switch (type) {
            case "string" -> value;
            case "integer" -> Long.parseLong(value);
            case "float" -> parseFloat(value);
            case "bool" -> Boolean.parseBoolean(value);
            case "datetime" -> OffsetDateTime.parse(normalizedDateTime(value));
            case "datetime-local" -> LocalDateTime.parse(normalizedDateTime(value));
            case "date-local" -> LocalDate.parse(value);
            case "time-local" -> LocalTime.parse(normalizedDateTime(value));
            default -> throw new IllegalArgumentException(path + ": unknown toml-test type " + type);
        };
        boolean equal = wanted instanceof Double expectedDouble && actual instanceof Double actualDouble
                ? sameDouble(expectedDouble, actualDouble)
                : wanted.equals(actual);
        return equal
                ? Optional.empty()
                : Optional.of(path + ": expected " + type + " " + value + ", got " + describe(actual));
    }

    // NaN equals any NaN; -0.0 and 0.0 differ, as toml-test wants.
    private static boolean sameDouble(double expected, double actual) {
        return (Double.isNaN(expected) && Double.isNaN(actual)) || Double.compare(expected, actual) == 0;
    }

    private static double parseFloat(String value) {
        String unsigned = value.startsWith("+") || value.startsWith("-") ? value.substring(1) : value;
        double sign = value.startsWith("-") ? -1.0 : 1.0;
        return switch (unsigned) {
            case "inf" -> sign * Double.POSITIVE_INFINITY;
            case "nan" -> Double.NaN;
            default -> Double.parseDouble(value);
        };
    }

    // toml-test may spell the separator as a space or a lower-case letter, and may give more than
    // nanosecond precision, which TOML lets a parser truncate.
    private static String normalizedDateTime(String value) {
        String upper = value.toUpperCase(Locale.ROOT).replace(' ', 'T');
        return upper.replaceAll("(\\.\\d{9})\\d+", "$1");
    }

    private static String describe(Object actual) {
        return actual == null ? "nothing" : actual.getClass().getSimpleName() + " " + actual;
    }
}
