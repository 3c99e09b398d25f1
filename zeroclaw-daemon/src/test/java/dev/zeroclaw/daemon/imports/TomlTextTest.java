package dev.zeroclaw.daemon.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tomlj.Toml;
import org.tomlj.TomlParseResult;

class TomlTextTest {

    @Test
    void quotesAndBackslashesAreEscaped() {
        assertThat(TomlText.string("say \"hi\" to C:\\Users")).isEqualTo("\"say \\\"hi\\\" to C:\\\\Users\"");
    }

    @Test
    void controlCharactersUseTheShortEscapesWhereTomlHasThem() {
        assertThat(TomlText.string("a\bb\tc\nd\fe\rf")).isEqualTo("\"a\\bb\\tc\\nd\\fe\\rf\"");
        assertThat(TomlText.string("\u0000\u0007\u001b[0m\u007f")).isEqualTo("\"\\u0000\\u0007\\u001B[0m\\u007F\"");
    }

    @Test
    void everythingBeyondAsciiIsAHexEscape() {
        assertThat(TomlText.string("Zürich")).isEqualTo("\"Z\\u00FCrich\"");
        assertThat(TomlText.string("\u202Eevil")).isEqualTo("\"\\u202Eevil\"");
        assertThat(TomlText.string("\u00a0\u2028")).isEqualTo("\"\\u00A0\\u2028\"");
        assertThat(TomlText.string("rocket \uD83D\uDE80")).isEqualTo("\"rocket \\U0001F680\"");
    }

    @Test
    void aLoneSurrogateCannotBeWritten() {
        assertThat(TomlText.isWritable("ok \uD83D\uDE80")).isTrue();
        assertThat(TomlText.isWritable("lone \uD800 high")).isFalse();
        assertThat(TomlText.isWritable("lone \uDC00 low")).isFalse();
        assertThat(TomlText.isWritable("at the end \uD83D")).isFalse();
        assertThatThrownBy(() -> TomlText.string("x\uD800")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("lone surrogate");
    }

    @Test
    void keysAreBareWhenTomlAllowsAndQuotedOtherwise() {
        assertThat(TomlText.key("API_KEY")).isEqualTo("API_KEY");
        assertThat(TomlText.key("X-Api-Key")).isEqualTo("X-Api-Key");
        assertThat(TomlText.key("1")).isEqualTo("1");
        assertThat(TomlText.key("github.com")).isEqualTo("\"github.com\"");
        assertThat(TomlText.key("my server")).isEqualTo("\"my server\"");
        assertThat(TomlText.key("")).isEqualTo("\"\"");
        assertThat(TomlText.key("clé")).isEqualTo("\"cl\\u00E9\"");
    }

    @Test
    void whatItWritesTomlReadsBackUnchanged() {
        List<String> values = List.of("", "plain", "say \"hi\"", "C:\\path\\", "line\nbreak\r\n", "tab\there", "\u0000nul",
                "\u001b[31mred\u001b[0m", "del\u007f", "Zürich", "日本語", "\u202Eevil", "emoji \uD83D\uDE80", "'single'",
                "\"\"\"triple\"\"\"", "#not a comment", "${env:TOKEN}", "\\u0041 stays six characters");
        StringBuilder toml = new StringBuilder("[t]\n");
        for (int i = 0; i < values.size(); i++) {
            toml.append(TomlText.key("k" + i)).append(" = ").append(TomlText.string(values.get(i))).append('\n');
            toml.append(TomlText.key(values.get(i))).append(" = ").append(i).append('\n');
        }

        TomlParseResult parsed = Toml.parse(toml.toString());

        assertThat(parsed.errors()).isEmpty();
        assertThat(toml.chars().allMatch(c -> c < 0x80)).isTrue();
        for (int i = 0; i < values.size(); i++) {
            assertThat(parsed.getString(List.of("t", "k" + i))).isEqualTo(values.get(i));
            assertThat(parsed.getLong(List.of("t", values.get(i)))).isEqualTo(i);
        }
    }
}
