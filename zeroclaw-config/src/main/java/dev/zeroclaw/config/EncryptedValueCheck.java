package dev.zeroclaw.config;

import java.util.Map;
import org.tomlj.TomlArray;
import org.tomlj.TomlPosition;
import org.tomlj.TomlTable;

/**
 * Refuses the values upstream ZeroClaw encrypts with its own key ({@code enc2:…}): zeroclaw has no
 * way to decrypt them, and passing the ciphertext on as a token or a variable would fail later and
 * far from the cause.
 */
final class EncryptedValueCheck {

    private static final String PREFIX = "enc2:";

    private EncryptedValueCheck() {}

    /** Reports every string value in {@code table}, at any depth, that is encrypted. */
    static void scan(TomlTable table, TomlPosition position, ErrorCollector errors) {
        scanTable("", table, position, errors);
    }

    private static void scanTable(String path, TomlTable table, TomlPosition position, ErrorCollector errors) {
        for (Map.Entry<String, Object> entry : table.entrySet()) {
            String key = path + entry.getKey();
            TomlPosition at = ValuePosition.of(table, entry.getKey(), position);
            scanValue(key, entry.getValue(), at, errors);
        }
    }

    private static void scanValue(String path, Object value, TomlPosition at, ErrorCollector errors) {
        if (value instanceof String string && string.startsWith(PREFIX)) {
            errors.add(at, "'" + path + "' is an encrypted upstream secret (" + PREFIX + "…): zeroclaw cannot"
                    + " decrypt it; write the plain value and protect the file (e.g. chmod 600)");
        } else if (value instanceof TomlTable nested) {
            scanTable(path + ".", nested, at, errors);
        } else if (value instanceof TomlArray array) {
            for (int i = 0; i < array.size(); i++) {
                scanValue(path + "[" + i + "]", array.get(i), ValuePosition.of(array, i, at), errors);
            }
        }
    }
}
