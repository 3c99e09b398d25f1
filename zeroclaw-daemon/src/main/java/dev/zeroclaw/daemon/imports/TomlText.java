package dev.zeroclaw.daemon.imports;

import static java.util.Objects.requireNonNull;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * TOML 1.0 spellings of strings and keys, in ASCII only: everything else is an escape. A file written
 * this way reads the same whatever the terminal's or the JVM's charset (Java 17 prints in the locale's,
 * so a {@code LANG=C} shell would turn "Zürich" into "Z?rich"), and no control character or bidi
 * override reaches a terminal or an editor.
 */
public final class TomlText {

    private static final Pattern BARE_KEY = Pattern.compile("[A-Za-z0-9_-]+");

    private TomlText() {}

    /**
     * A basic string, quotes included, with the escapes TOML defines: a quote, a backslash, a control
     * character and anything beyond ASCII (a hex escape of 4 or 8 digits).
     *
     * @throws IllegalArgumentException when the text holds a lone surrogate, which no TOML string can hold
     */
    public static String string(String text) {
        return '"' + escape(text) + '"';
    }

    /** A key: bare when TOML allows it ({@code A-Za-z0-9_-}), else a quoted basic string. */
    public static String key(String key) {
        requireNonNull(key, "key is null");
        return BARE_KEY.matcher(key).matches() ? key : string(key);
    }

    /** True when every character can be written: no lone surrogate (JSON's {@code "\ud800"} gives one). */
    public static boolean isWritable(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The inside of a basic string: what {@link #string} puts between the quotes. Also how names and
     * paths are shown in messages and comments, where a newline or an escape sequence must not pass.
     */
    public static String escape(String text) {
        requireNonNull(text, "text is null");
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            if (Character.isSurrogate(text.charAt(i)) && Character.charCount(c) == 1) {
                throw new IllegalArgumentException("a lone surrogate at index " + i + " cannot be written in TOML");
            }
            i += Character.charCount(c);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\f' -> out.append("\\f");
                case '\r' -> out.append("\\r");
                default -> {
                    if (c >= 0x20 && c < 0x7f) {
                        out.append((char) c);
                    } else if (c <= 0xffff) {
                        out.append(String.format(Locale.ROOT, "\\u%04X", c));
                    } else {
                        out.append(String.format(Locale.ROOT, "\\U%08X", c));
                    }
                }
            }
        }
        return out.toString();
    }
}
