package dev.zeroclaw.config;

import static java.util.Objects.requireNonNull;

import org.tomlj.TomlTable;

/**
 * A parsed file: its table, and the map from the lines tomlj saw to the file's lines, which every
 * position read from the table must go through.
 */
record TomlDocument(TomlTable table, LineMap lines) {

    TomlDocument {
        requireNonNull(table, "table is null");
        requireNonNull(lines, "lines is null");
    }
}
