package dev.zeroclaw.config;

import dev.zeroclaw.api.TransportOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.tomlj.TomlArray;
import org.tomlj.TomlPosition;
import org.tomlj.TomlTable;

/**
 * Reads a server's {@code options} table into {@link TransportOptions}, each value with its
 * position. Which keys exist and what they hold is the transport provider's to check; here only
 * the kinds of value the SPI hands over are enforced: strings, integers, floats, booleans and
 * arrays of them. Messages name keys and types, never values.
 */
final class OptionsReader {

    private OptionsReader() {}

    /** The options, or empty when the entry has none or one of them is of a kind not handed over. */
    static Optional<TransportOptions> read(TableReader entry) {
        Optional<TomlTable> table = entry.table("options");
        if (table.isEmpty()) {
            return Optional.empty();
        }
        TomlPosition optionsAt = entry.valuePosition("options");
        TransportOptions.Builder options = TransportOptions.builder();
        boolean allHandedOver = true;
        for (String key : table.get().keySet()) {
            Object value = table.get().get(List.of(key));
            TomlPosition at = ValuePosition.of(table.get(), key, optionsAt);
            Optional<Object> plain = plain(value, "options." + key, at, entry);
            if (plain.isPresent()) {
                options.put(key, plain.get(), entry.filePosition(at));
            } else {
                allHandedOver = false;
            }
        }
        return allHandedOver ? Optional.of(options.build()) : Optional.empty();
    }

    private static Optional<Object> plain(Object value, String path, TomlPosition at, TableReader entry) {
        if (isScalar(value)) {
            return Optional.of(value);
        }
        if (value instanceof TomlArray array) {
            List<Object> elements = new ArrayList<>();
            for (int i = 0; i < array.size(); i++) {
                Object element = array.get(i);
                if (!isScalar(element)) {
                    entry.report(ValuePosition.of(array, i, at), "'" + path + "[" + i + "]' must be a string, an integer,"
                            + " a float or a boolean, not " + TomlTypeName.of(element));
                    return Optional.empty();
                }
                elements.add(element);
            }
            return Optional.of(List.copyOf(elements));
        }
        entry.report(at, "'" + path + "' must be a string, an integer, a float, a boolean or an array of them, not "
                + TomlTypeName.of(value) + " (options are handed to the transport as plain values)");
        return Optional.empty();
    }

    private static boolean isScalar(Object value) {
        return value instanceof String || value instanceof Long || value instanceof Double || value instanceof Boolean;
    }
}
