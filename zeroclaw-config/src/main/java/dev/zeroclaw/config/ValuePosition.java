package dev.zeroclaw.config;

import java.util.List;
import org.tomlj.TomlArray;
import org.tomlj.TomlKeyValue;
import org.tomlj.TomlPosition;
import org.tomlj.TomlTable;

/** Where a value starts in the file, for errors about the value rather than its key. */
final class ValuePosition {

    private ValuePosition() {}

    /** The position of {@code table[key]}'s value, else of its key, else {@code fallback}. */
    static TomlPosition of(TomlTable table, String key, TomlPosition fallback) {
        List<String> path = List.of(key);
        TomlKeyValue entry = table.entry(path);
        if (entry != null && entry.value() != null && entry.value().position() != null) {
            return entry.value().position();
        }
        return keyOf(table, key, fallback);
    }

    /** The position of {@code table}'s {@code key}, else {@code fallback}. */
    static TomlPosition keyOf(TomlTable table, String key, TomlPosition fallback) {
        TomlPosition position = table.inputPositionOf(List.of(key));
        return position != null ? position : fallback;
    }

    /** The position of {@code array[index]}, else {@code fallback}. */
    static TomlPosition of(TomlArray array, int index, TomlPosition fallback) {
        TomlPosition position = array.inputPositionOf(index);
        return position != null ? position : fallback;
    }
}
