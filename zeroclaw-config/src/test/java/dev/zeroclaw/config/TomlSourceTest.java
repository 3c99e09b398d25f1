package dev.zeroclaw.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.zeroclaw.api.ConfigError;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tomlj.TomlTable;

/** What the wrapper adds to tomlj (strict UTF-8, a byte order mark, safe messages) and what it keeps. */
class TomlSourceTest {

    @Test
    void invalidUtf8IsReportedAtItsLineAndColumn() {
        byte[] content = {'a', ' ', '=', ' ', '"', 'x', '"', '\n', 'b', ' ', '=', ' ', '"', (byte) 0xFF, '"', '\n'};

        assertThat(errors(content)).containsExactly(
                "config.toml:2:6: invalid UTF-8 (byte 0xFF at offset 13): save the file as UTF-8");
    }

    @Test
    void invalidUtf8InACommentIsRejected() {
        byte[] content = {'#', ' ', (byte) 0xC3, '(', '\n'};

        assertThat(errors(content)).containsExactly(
                "config.toml:1:3: invalid UTF-8 (byte 0xC3 at offset 2): save the file as UTF-8");
    }

    @Test
    void invalidUtf8ColumnCountsCharactersNotBytes() {
        byte[] prefix = "k = \"é€".getBytes(StandardCharsets.UTF_8);
        byte[] content = Arrays.copyOf(prefix, prefix.length + 1);
        content[prefix.length] = (byte) 0x80;

        assertThat(errors(content)).containsExactly(
                "config.toml:1:8: invalid UTF-8 (byte 0x80 at offset 10): save the file as UTF-8");
    }

    @Test
    void controlCharacterInACommentIsRejected() {
        assertThat(errors("# bell \u0007\nk = 1\n")).containsExactly(
                "config.toml:1:8: Unexpected '\\u0007', expected a newline");
    }

    @Test
    void deleteCharacterInAStringIsRejected() {
        assertThat(errors("k = 1\ns = 'a\u007Fb'\n")).containsExactly(
                "config.toml:2:7: Unexpected '\\u007f', expected ' or a character");
    }

    @Test
    void bareCarriageReturnIsRejected() {
        assertThat(errors("a = 1\rb = 2\n")).containsExactly(
                "config.toml:1:6: Unexpected '\\r', expected a newline or end-of-input");
    }

    @Test
    void crlfLineEndsAreAccepted() throws ConfigException {
        TomlTable table = TomlSource.parse("config.toml", "a = 1\r\nb = \"\"\"x\r\ny\"\"\"\r\n".getBytes(StandardCharsets.UTF_8));

        assertThat(table.getString(List.of("b"))).isEqualTo("x\ny");
    }

    @Test
    void byteOrderMarkAtTheStartIsAccepted() throws ConfigException {
        TomlTable table = TomlSource.parse("config.toml", "\uFEFFa = 1\n".getBytes(StandardCharsets.UTF_8));

        assertThat(table.getLong(List.of("a"))).isEqualTo(1L);
    }

    @Test
    void syntaxErrorsCarryTomljMessageAndPosition() {
        assertThat(errors("a = 1\nb = [1,,2]\n")).containsExactly(
                "config.toml:2:8: Unexpected ',', expected ], a value, or a newline");
    }

    @Test
    void everySyntaxErrorIsReported() {
        assertThat(errors("a = 1 2\nb = \nc = 3\n")).containsExactly(
                "config.toml:1:7: Unexpected '2', expected a newline or end-of-input",
                "config.toml:2:5: Unexpected end of line, expected a value");
    }

    @Test
    void unexpectedTokensLongerThanOneCharacterAreNotQuoted() {
        assertThat(errors("Authorization = \"Bearer\" sk-live-123\n")).containsExactly(
                "config.toml:1:26: Unexpected text, expected a newline or end-of-input");
    }

    @Test
    void redefinedKeyNamesBothPositions() {
        assertThat(errors("a = 1\na = 2\n")).containsExactly("config.toml:2:1: a previously defined at line 1, column 1");
    }

    private static List<String> errors(String text) {
        return errors(text.getBytes(StandardCharsets.UTF_8));
    }

    private static List<String> errors(byte[] content) {
        try {
            TomlTable table = TomlSource.parse("config.toml", content);
            return fail("expected a rejection, parsed " + table.toMap());
        } catch (ConfigException e) {
            return e.errors().stream().map(ConfigError::toString).toList();
        }
    }
}
