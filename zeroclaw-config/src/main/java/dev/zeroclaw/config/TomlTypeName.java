package dev.zeroclaw.config;

import dev.zeroclaw.api.TransportOptions;
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
        if (value instanceof OffsetDateTime) {
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
        // The plain values, named as the SPI names an option's type.
        return TransportOptions.typeName(value);
    }
}
