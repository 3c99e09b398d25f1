package dev.zeroclaw.api;

/**
 * A place in a configuration file: 1-based line and column, counted the way editors count them.
 *
 * @param line 1-based line
 * @param column 1-based column
 */
public record ConfigPosition(int line, int column) {

    public ConfigPosition {
        if (line < 1 || column < 1) {
            throw new IllegalArgumentException("line and column are 1-based, got " + line + ":" + column);
        }
    }

    /** The problem {@code message} at this place of {@code file}. */
    public ConfigError error(String file, String message) {
        return new ConfigError(file, line, column, message);
    }
}
