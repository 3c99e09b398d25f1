package dev.zeroclaw.config;

import java.util.Arrays;
import org.tomlj.TomlPosition;

/**
 * Maps a line of the text tomlj parsed back to the line of the file, after {@link TriviaFolding}
 * has folded runs of blank and comment lines into one line each. Columns never change: only whole
 * lines are folded.
 *
 * <p>Immutable.
 */
final class LineMap {

    private static final LineMap IDENTITY = new LineMap(new int[0], new int[0]);

    // From parsedLine[i] on (until parsedLine[i + 1]) a parsed line is shift[i] lines earlier than in the file.
    private final int[] parsedLine;
    private final int[] shift;

    private LineMap(int[] parsedLine, int[] shift) {
        this.parsedLine = parsedLine;
        this.shift = shift;
    }

    static LineMap identity() {
        return IDENTITY;
    }

    static LineMap of(int[] parsedLine, int[] shift, int size) {
        return size == 0 ? IDENTITY : new LineMap(Arrays.copyOf(parsedLine, size), Arrays.copyOf(shift, size));
    }

    /** The file's line for a line of the parsed text (1-based); line 0 (the whole file) stays 0. */
    int fileLine(int line) {
        int at = Arrays.binarySearch(parsedLine, line);
        int segment = at >= 0 ? at : -at - 2;
        return line <= 0 || segment < 0 ? line : line + shift[segment];
    }

    /** The file's position for a position tomlj reported. */
    TomlPosition filePosition(TomlPosition position) {
        int line = fileLine(position.line());
        return line == position.line() ? position : TomlPosition.positionAt(line, position.column());
    }
}
