package dev.zeroclaw.config;

/**
 * A 1-based line and column in a decoded text, counted the way editors do: lines end at LF, columns
 * count code points.
 */
record TextPosition(int line, int column) {

    static TextPosition of(CharSequence text, int index) {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < index; i++) {
            if (text.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        int column = Character.codePointCount(text, lineStart, index) + 1;
        return new TextPosition(line, column);
    }
}
