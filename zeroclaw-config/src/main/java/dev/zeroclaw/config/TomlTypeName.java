package dev.zeroclaw.config;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import org.tomlj.TomlArray;
import org.tomlj.TomlTable;

/** The TOML type of a parsed value, as a message names it: "a string", "an integer". */
final class TomlTypeName {

    private TomlTypeName() {}

    static String of(Object value) {
        if (value instanceof String) {
            return "a string";
        } else if (value instanceof Long) {
            return "an integer";
        } else if (value instanceof Double) {
            return "a float";
        } else if (value instanceof Boolean) {
            return "a boolean";
        } else if (value instanceof OffsetDateTime) {
            return "an offset date-time";
        } else if (value instanceof LocalDateTime) {
            return "a local date-time";
        } else if (value instanceof LocalDate) {
            return "a local date";
        } else if (value instanceof LocalTime) {
            return "a local time";
        } else if (value instanceof TomlArray) {
            return "an array";
        } else if (value instanceof TomlTable) {
            return "a table";
        }
        return "a " + value.getClass().getSimpleName();
    }
}
