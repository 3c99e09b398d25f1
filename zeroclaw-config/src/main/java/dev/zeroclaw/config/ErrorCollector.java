package dev.zeroclaw.config;

import static java.util.Objects.requireNonNull;

import dev.zeroclaw.api.ConfigError;
import dev.zeroclaw.api.ConfigPosition;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.tomlj.TomlPosition;

/**
 * The problems found in one file, so that all of them are reported together.
 *
 * <p>One collector per parse, used by one thread.
 */
final class ErrorCollector {

    /** Problems of the whole file (line 0) first, then by line and column. */
    static final Comparator<ConfigError> FILE_ORDER =
            Comparator.comparingInt(ConfigError::line).thenComparingInt(ConfigError::column);

    private final String file;
    private final LineMap lines;
    // Both grow while the file is checked; read once at the end.
    private final List<ConfigError> errors = new ArrayList<>();
    private final List<ConfigError> warnings = new ArrayList<>();
    // Errors of the file's shape (a wrong type, a transport no one has, a mistyped key): upstream's
    // deserializer refuses these whether or not [mcp] is enabled, so demoteSince keeps them.
    private final Set<ConfigError> shapeErrors = Collections.newSetFromMap(new IdentityHashMap<>());

    /** @param lines maps tomlj's lines to the file's; every position is reported through it */
    ErrorCollector(String file, LineMap lines) {
        this.file = requireNonNull(file, "file is null");
        this.lines = requireNonNull(lines, "lines is null");
    }

    /** The file as the user named it. */
    String file() {
        return file;
    }

    /** Every problem so far, in file order. */
    List<ConfigError> inFileOrder() {
        List<ConfigError> sorted = new ArrayList<>(errors);
        sorted.sort(FILE_ORDER);
        return List.copyOf(sorted);
    }

    void add(TomlPosition at, String message) {
        errors.add(at(at, message));
    }

    /** An error in the file's shape, which stays an error when {@link #demoteSince} demotes the rest. */
    void addShapeError(TomlPosition at, String message) {
        ConfigError error = at(at, message);
        errors.add(error);
        shapeErrors.add(error);
    }

    /** Something the daemon ignores, told to the reader; it refuses nothing. */
    void warn(TomlPosition at, String message) {
        warnings.add(at(at, message));
    }

    /** Every warning so far, in file order. */
    List<ConfigError> warningsInFileOrder() {
        List<ConfigError> sorted = new ArrayList<>(warnings);
        sorted.sort(FILE_ORDER);
        return List.copyOf(sorted);
    }

    /**
     * Turns the errors reported since {@code mark} (a {@link #count()}) into warnings: the part of
     * the file they concern is not used, so upstream ZeroClaw does not check it either.
     */
    void demoteSince(int mark, String reason) {
        List<ConfigError> since = errors.subList(mark, errors.size());
        List<ConfigError> kept = new ArrayList<>();
        for (ConfigError error : since) {
            if (shapeErrors.contains(error)) {
                kept.add(error);
            } else {
                warnings.add(new ConfigError(error.file(), error.line(), error.column(), error.message() + " (" + reason + ")"));
            }
        }
        since.clear();
        errors.addAll(kept);
    }

    private ConfigError at(TomlPosition at, String message) {
        requireNonNull(at, "at is null");
        requireNonNull(message, "message is null");
        return new ConfigError(file, lines.fileLine(at.line()), at.column(), message);
    }

    /** A position of the parsed table as the SPI hands it to providers: the file's line and column. */
    ConfigPosition position(TomlPosition at) {
        return new ConfigPosition(lines.fileLine(at.line()), at.column());
    }

    /** {@code file:line:column} of a position, the way errors print it. */
    String location(TomlPosition at) {
        return file + ":" + lines.fileLine(at.line()) + ":" + at.column();
    }

    /** How many problems were found so far; a reader compares it to see whether its part was clean. */
    int count() {
        return errors.size();
    }

    /** Fails with every problem in file order, if there is any. */
    void throwIfAny() throws ConfigException {
        if (!errors.isEmpty()) {
            throw new ConfigException(inFileOrder());
        }
    }
}
