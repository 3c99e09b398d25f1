package dev.zeroclaw.api;

import static java.util.Objects.requireNonNull;

/**
 * One problem found in a configuration file, with the position of the offending key or value.
 *
 * <p>Positions are 1-based. A problem that concerns the whole file (it cannot be read, say) has
 * line and column 0. The message never contains a secret value ({@code env}, {@code headers}).
 *
 * @param file the file as the user named it
 * @param line 1-based line, or 0 when the problem has no position
 * @param column 1-based column, or 0 when the problem has no position
 * @param message what is wrong and, where it helps, what to write instead
 */
public record ConfigError(String file, int line, int column, String message) {

    public ConfigError {
        requireNonNull(file, "file is null");
        requireNonNull(message, "message is null");
        if (line < 0 || column < 0) {
            throw new IllegalArgumentException("line and column must not be negative");
        }
    }

    /** A problem with the whole file rather than one place in it. */
    public static ConfigError ofFile(String file, String message) {
        return new ConfigError(file, 0, 0, message);
    }

    /** {@code file:line:column}, or just {@code file} when there is no position. */
    public String location() {
        return line == 0 ? file : file + ":" + line + ":" + column;
    }

    /** {@code file:line:column: message}, the form editors and terminals turn into links. */
    @Override
    public String toString() {
        return location() + ": " + message;
    }
}
