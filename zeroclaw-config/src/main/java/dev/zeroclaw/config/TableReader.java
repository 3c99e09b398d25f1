package dev.zeroclaw.config;

import static java.util.Objects.requireNonNull;

import dev.zeroclaw.api.ConfigPosition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.tomlj.TomlArray;
import org.tomlj.TomlPosition;
import org.tomlj.TomlTable;

/**
 * Reads typed values from one TOML table, reporting each missing type or range to the collector at
 * the value's position. A value that is wrong reads as empty, so the caller goes on and every problem
 * of the file is found in one pass.
 *
 * <p>Messages name keys and types, never values: a table may hold secrets.
 */
final class TableReader {

    private final TomlTable table;
    private final TomlPosition position;
    private final ErrorCollector errors;

    /**
     * @param position where the table starts, for problems about what it lacks
     */
    TableReader(TomlTable table, TomlPosition position, ErrorCollector errors) {
        this.table = requireNonNull(table, "table is null");
        this.position = requireNonNull(position, "position is null");
        this.errors = requireNonNull(errors, "errors is null");
    }

    TomlTable table() {
        return table;
    }

    TomlPosition position() {
        return position;
    }

    /** Reports a problem found in this table at {@code at}. */
    void report(TomlPosition at, String message) {
        errors.add(at, message);
    }

    /** A position in this table as the SPI hands it to providers: the file's line and column. */
    ConfigPosition filePosition(TomlPosition at) {
        return errors.position(at);
    }

    boolean has(String key) {
        return table.get(List.of(key)) != null;
    }

    TomlPosition keyPosition(String key) {
        return ValuePosition.keyOf(table, key, position);
    }

    TomlPosition valuePosition(String key) {
        return ValuePosition.of(table, key, position);
    }

    /**
     * Reports every key of the table that is not in {@code known}. One close to a known key is a
     * typo and an error with its suggestion ({@code comand} → {@code command}); any other is a
     * warning and ignored, as upstream ZeroClaw ignores it, so a key a newer upstream adds never
     * refuses the whole file.
     *
     * @param where the table as the reader knows it, e.g. {@code [mcp]}, {@code server 'github'}
     */
    void checkUnknownKeys(List<String> known, String where) {
        for (String key : table.keySet()) {
            if (known.contains(key)) {
                continue;
            }
            if (KeySuggester.closest(key, known).isPresent()) {
                errors.addShapeError(keyPosition(key), KeySuggester.unknown("key", key, known, "valid keys"));
            } else {
                errors.warn(keyPosition(key), "unknown key '" + key + "' in " + where + " is ignored (valid keys are: "
                        + String.join(", ", known) + ")");
            }
        }
    }

    Optional<String> string(String key) {
        return typed(key, String.class, "a string");
    }

    Optional<Boolean> bool(String key) {
        return typed(key, Boolean.class, "a boolean (true or false)");
    }

    Optional<TomlTable> table(String key) {
        return typed(key, TomlTable.class, "a table");
    }

    /** An integer within {@code min..max}. */
    Optional<Long> integer(String key, long min, long max) {
        Optional<Long> value = typed(key, Long.class, "an integer");
        if (value.isPresent() && (value.get() < min || value.get() > max)) {
            errors.add(valuePosition(key),
                    "'" + key + "' must be between " + min + " and " + max + ", got " + value.get());
            return Optional.empty();
        }
        return value;
    }

    /** An array whose elements are all strings, in order. */
    Optional<List<String>> strings(String key) {
        Optional<TomlArray> array = typed(key, TomlArray.class, "an array of strings");
        if (array.isEmpty()) {
            return Optional.empty();
        }
        List<String> values = new ArrayList<>();
        boolean allStrings = true;
        for (int i = 0; i < array.get().size(); i++) {
            Object element = array.get().get(i);
            if (element instanceof String string) {
                values.add(string);
            } else {
                allStrings = false;
                errors.addShapeError(ValuePosition.of(array.get(), i, valuePosition(key)),
                        "'" + key + "[" + i + "]' must be a string, not " + TomlTypeName.of(element));
            }
        }
        return allStrings ? Optional.of(values) : Optional.empty();
    }

    /** A table whose values are all strings, such as {@code env} or {@code headers}. */
    Optional<Map<String, String>> stringTable(String key) {
        Optional<TomlTable> nested = typed(key, TomlTable.class, "a table of strings");
        if (nested.isEmpty()) {
            return Optional.empty();
        }
        Map<String, String> values = new LinkedHashMap<>();
        boolean allStrings = true;
        for (Map.Entry<String, Object> entry : nested.get().entrySet()) {
            if (entry.getValue() instanceof String string) {
                values.put(entry.getKey(), string);
            } else {
                allStrings = false;
                errors.addShapeError(ValuePosition.of(nested.get(), entry.getKey(), valuePosition(key)),
                        "'" + key + "." + entry.getKey() + "' must be a string, not "
                                + TomlTypeName.of(entry.getValue()));
            }
        }
        return allStrings ? Optional.of(values) : Optional.empty();
    }

    private <T> Optional<T> typed(String key, Class<T> type, String expected) {
        Object value = table.get(List.of(key));
        if (value == null) {
            return Optional.empty();
        }
        if (!type.isInstance(value)) {
            errors.addShapeError(valuePosition(key), "'" + key + "' must be " + expected + ", not " + TomlTypeName.of(value));
            return Optional.empty();
        }
        return Optional.of(type.cast(value));
    }
}
