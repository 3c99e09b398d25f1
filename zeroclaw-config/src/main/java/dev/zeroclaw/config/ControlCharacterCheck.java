package dev.zeroclaw.config;

import dev.zeroclaw.api.ConfigError;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the characters TOML 1.0 allows nowhere in a file: control characters other than tab, LF and
 * the CR of a CRLF. tomlj lets some of them through inside comments and strings.
 */
final class ControlCharacterCheck {

    private ControlCharacterCheck() {}

    /** One error per offending character, with its position. */
    static List<ConfigError> find(String file, String text) {
        List<ConfigError> errors = new ArrayList<>();
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n') {
                line++;
                lineStart = i + 1;
                continue;
            }
            String problem = problem(c, i + 1 < text.length() && text.charAt(i + 1) == '\n');
            if (problem != null) {
                int column = text.codePointCount(lineStart, i) + 1;
                errors.add(new ConfigError(file, line, column, problem));
            }
        }
        return errors;
    }

    private static String problem(char c, boolean lineFeedFollows) {
        if (c == '\r') {
            return lineFeedFollows ? null : "a carriage return (CR) must be followed by a line feed (LF)";
        }
        if ((c < 0x20 && c != '\t') || c == 0x7F) {
            return String.format(
                    "control character U+%04X is not allowed in TOML; inside a basic string write it as \\u%04X",
                    (int) c, (int) c);
        }
        return null;
    }
}
