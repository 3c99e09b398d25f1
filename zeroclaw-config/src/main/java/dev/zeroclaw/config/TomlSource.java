package dev.zeroclaw.config;

import static java.util.Objects.requireNonNull;

import dev.zeroclaw.api.ConfigError;
import java.util.regex.Pattern;
import org.tomlj.Toml;
import org.tomlj.TomlParseOptions;
import org.tomlj.TomlParseResult;
import org.tomlj.TomlPosition;
import org.tomlj.TomlTable;
import org.tomlj.TomlVersion;

/**
 * Turns a file's bytes into a TOML 1.0 table, or into the syntax errors found, each with its
 * {@code file:line:column}.
 *
 * <p>A thin wrapper over tomlj, which fixes where tomlj and TOML 1.0 disagree: bytes that are not
 * UTF-8 (tomlj reads them as U+FFFD, and accepts them in strings and comments) are an error here,
 * and a byte order mark at the start (which tomlj refuses) is allowed. tomlj already rejects raw
 * control characters. Syntax messages are made safe to print (see {@link SyntaxErrorMessage}).
 * Runs of blank and comment lines are folded before tomlj sees them, as tomlj's time grows with the
 * cube of such a run ({@link TriviaFolding}); positions are reported as lines of the file.
 */
public final class TomlSource {

    // Positions come from the parse itself; the copy of the source tomlj keeps by default serves only
    // to rewrite a file in place, which zeroclaw never does.
    private static final TomlParseOptions TOML_1_0 = TomlParseOptions.sourceless().withVersion(TomlVersion.V1_0_0);

    private static final Pattern LINE_IN_MESSAGE = Pattern.compile("\\bline (\\d{1,9})\\b");

    private TomlSource() {}

    /**
     * Parses {@code content}.
     *
     * @param file the file as the user named it, used in error positions
     * @param content the file's bytes, UTF-8
     * @throws ConfigException with every syntax error tomlj reports, or the first byte that is not UTF-8
     */
    public static TomlTable parse(String file, byte[] content) throws ConfigException {
        return read(file, content).table();
    }

    /**
     * Parses {@code content}, keeping how tomlj's lines map to the file's (see {@link TriviaFolding}):
     * every position read from the table must go through {@link TomlDocument#lines()}.
     *
     * @param file the file as the user named it, used in error positions
     * @param content the file's bytes, UTF-8
     * @throws ConfigException with every syntax error tomlj reports, or the first byte that is not UTF-8
     */
    static TomlDocument read(String file, byte[] content) throws ConfigException {
        requireNonNull(file, "file is null");
        requireNonNull(content, "content is null");
        String text = withoutByteOrderMark(Utf8Text.decode(file, content));
        TriviaFolding.Folded folded = TriviaFolding.fold(text);
        LineMap lines = folded.lines();
        TomlParseResult result = Toml.parse(folded.text(), TOML_1_0);
        if (result.hasErrors()) {
            throw new ConfigException(result.errors().stream()
                    .map(e -> syntaxError(file, e.position(), lines,
                            fileLines(SyntaxErrorMessage.redacted(e.getMessage()), lines)))
                    .toList());
        }
        return new TomlDocument(result, lines);
    }

    // tomlj names other places by line in its messages ("previously defined at line 2, column 1").
    private static String fileLines(String message, LineMap lines) {
        if (lines == LineMap.identity()) {
            return message;
        }
        return LINE_IN_MESSAGE.matcher(message)
                .replaceAll(m -> "line " + lines.fileLine(Integer.parseInt(m.group(1))));
    }

    // TOML allows a UTF-8 byte order mark at the start of a file; tomlj does not.
    private static String withoutByteOrderMark(String text) {
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    private static ConfigError syntaxError(String file, TomlPosition position, LineMap lines, String message) {
        if (position == null) {
            return ConfigError.ofFile(file, message);
        }
        return new ConfigError(file, lines.fileLine(position.line()), position.column(), message);
    }
}
