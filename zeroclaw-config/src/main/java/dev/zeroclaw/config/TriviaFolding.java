package dev.zeroclaw.config;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;

/**
 * Folds every run of two or more blank or comment lines into one blank line before tomlj sees the
 * text, and keeps a {@link LineMap} to report positions as lines of the file.
 *
 * <p>Why: tomlj 2.2.0's error recovery ({@code LineRecoveryStrategy.sync}) looks ahead over every
 * blank and comment line that follows at each of them, each look-ahead step itself costing the
 * distance, so a run of n such lines costs about n³: 2,000 blank lines took 9 s, a megabyte of them
 * never finished. A run of one line costs nothing extra, so after folding the parse is linear.
 *
 * <p>Only lines that are blank or a comment as TOML reads them are folded: outside multi-line
 * strings (whose lines are content), spaces and tabs only, or a comment whose characters TOML
 * allows. A comment line with a character TOML forbids is left for tomlj to report, at its line.
 */
final class TriviaFolding {

    private static final int NORMAL = 0;
    private static final int BASIC = 1;
    private static final int LITERAL = 2;
    private static final int MULTI_LINE_BASIC = 3;
    private static final int MULTI_LINE_LITERAL = 4;

    /** The text to parse and how its lines map to the file's. */
    record Folded(String text, LineMap lines) {
        Folded {
            requireNonNull(text, "text is null");
            requireNonNull(lines, "lines is null");
        }
    }

    private TriviaFolding() {}

    static Folded fold(String text) {
        requireNonNull(text, "text is null");
        StringBuilder out = new StringBuilder(text.length());
        Segments segments = new Segments();
        int totalShift = 0;
        int outLine = 1;
        int state = NORMAL;
        int runStart = -1;
        int runLines = 0;
        int start = 0;
        while (start < text.length()) {
            int newline = text.indexOf('\n', start);
            int end = newline < 0 ? text.length() : newline + 1;
            if (state == NORMAL && newline >= 0 && isTrivia(text, start, newline)) {
                if (runLines == 0) {
                    runStart = start;
                }
                runLines++;
                start = end;
                continue;
            }
            if (runLines == 1) {
                out.append(text, runStart, start);
                outLine++;
            } else if (runLines > 1) {
                out.append('\n');
                outLine++;
                totalShift += runLines - 1;
                segments.add(outLine, totalShift);
            }
            runLines = 0;
            state = scan(text, start, end, state);
            out.append(text, start, end);
            outLine++;
            start = end;
        }
        if (runLines == 1) {
            out.append(text, runStart, text.length());
        } else if (runLines > 1) {
            out.append('\n');
            totalShift += runLines - 1;
            segments.add(outLine + 1, totalShift);
        }
        if (segments.size == 0) {
            return new Folded(text, LineMap.identity());
        }
        return new Folded(out.toString(), LineMap.of(segments.line, segments.shift, segments.size));
    }

    // Spaces and tabs, then optionally a comment of characters TOML allows, then the line end
    // (text[newline] is '\n'; a '\r' before it belongs to the line end).
    private static boolean isTrivia(String text, int start, int newline) {
        int end = newline > start && text.charAt(newline - 1) == '\r' ? newline - 1 : newline;
        int i = start;
        while (i < end && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
            i++;
        }
        if (i == end) {
            return true;
        }
        if (text.charAt(i) != '#') {
            return false;
        }
        for (i++; i < end; i++) {
            char c = text.charAt(i);
            if (c != '\t' && (c < 0x20 || c == 0x7F)) {
                return false;
            }
        }
        return true;
    }

    // The state after text[start, end): where strings open and close, so that the lines of a
    // multi-line string are never taken for blank or comment lines.
    private static int scan(String text, int start, int end, int state) {
        int i = start;
        while (i < end) {
            char c = text.charAt(i);
            switch (state) {
                case NORMAL -> {
                    if (c == '#') {
                        i = end;
                    } else if (c == '"') {
                        state = text.startsWith("\"\"\"", i) ? MULTI_LINE_BASIC : BASIC;
                        i += state == BASIC ? 1 : 3;
                    } else if (c == '\'') {
                        state = text.startsWith("'''", i) ? MULTI_LINE_LITERAL : LITERAL;
                        i += state == LITERAL ? 1 : 3;
                    } else {
                        i++;
                    }
                }
                case BASIC -> {
                    if (c == '\\') {
                        i += 2;
                    } else {
                        state = c == '"' ? NORMAL : BASIC;
                        i++;
                    }
                }
                case LITERAL -> {
                    state = c == '\'' ? NORMAL : LITERAL;
                    i++;
                }
                case MULTI_LINE_BASIC -> {
                    if (c == '\\') {
                        i += 2;
                    } else if (c == '"') {
                        int quotes = run(text, i, end, '"');
                        state = quotes >= 3 ? NORMAL : MULTI_LINE_BASIC;
                        i += quotes;
                    } else {
                        i++;
                    }
                }
                default -> {
                    if (c == '\'') {
                        int quotes = run(text, i, end, '\'');
                        state = quotes >= 3 ? NORMAL : MULTI_LINE_LITERAL;
                        i += quotes;
                    } else {
                        i++;
                    }
                }
            }
        }
        // A single-line string ends with its line, closed or not (tomlj reports the unclosed one).
        return state == BASIC || state == LITERAL ? NORMAL : state;
    }

    // From line[i] of the folded text on, its lines are shift[i] lines earlier than the file's; grows as runs are folded.
    private static final class Segments {
        private int[] line = new int[16];
        private int[] shift = new int[16];
        private int size;

        void add(int parsedLine, int totalShift) {
            if (size == line.length) {
                line = Arrays.copyOf(line, size * 2);
                shift = Arrays.copyOf(shift, size * 2);
            }
            line[size] = parsedLine;
            shift[size] = totalShift;
            size++;
        }
    }

    private static int run(String text, int from, int end, char quote) {
        int i = from;
        while (i < end && text.charAt(i) == quote) {
            i++;
        }
        return i - from;
    }
}
