package dev.zeroclaw.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tomlj.Toml;
import org.tomlj.TomlParseOptions;
import org.tomlj.TomlParseResult;
import org.tomlj.TomlVersion;

/** Folding blank and comment runs changes neither what a file means nor where anything in it is. */
class TriviaFoldingTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "a = \"\"\"x\\\"\"\"\n\n\n# in the string\n\"\"\"\n\n\nb = 1\n",
        "a = \"\"\"x\"\"\"\"\"\n\n\n\nb = '''y''''\n\n\n# c\nc = 2\n",
        "a = 'it\"s # no comment'\n\n\n\nb = \"q\\\"#\\\"\"\n# c\n\n\nc = 3",
        "a = [\n  1,\n\n\n  # two\n\n  2,\n]\n\n\n\n",
        "a = '''\n\n\n'''\n\r\n\r\n  # c\r\n\t\r\nb = \"\"\"\\\n\n\n  y\"\"\"\n",
        "# only\n# comments\n\n\n",
    })
    void foldedTextMeansWhatTheFileMeansAndKeepsEveryPosition(String text) throws ConfigException {
        TomlParseResult direct = Toml.parse(text, TomlParseOptions.sourceless().withVersion(TomlVersion.V1_0_0));
        assertThat(direct.hasErrors()).isFalse();

        TomlDocument folded = TomlSource.read("config.toml", text.getBytes(StandardCharsets.UTF_8));

        assertThat(folded.table().toJson()).isEqualTo(direct.toJson());
        for (String key : direct.keySet()) {
            List<String> path = List.of(key);
            assertThat(folded.lines().fileLine(folded.table().inputPositionOf(path).line()))
                    .as(key).isEqualTo(direct.inputPositionOf(path).line());
            assertThat(folded.table().inputPositionOf(path).column()).isEqualTo(direct.inputPositionOf(path).column());
        }
    }

    @Test
    void aFileWithoutRunsIsParsedAsItIs() {
        TriviaFolding.Folded folded = TriviaFolding.fold("a = 1\n\nb = 2\n# c\nc = 3\n");

        assertThat(folded.text()).isEqualTo("a = 1\n\nb = 2\n# c\nc = 3\n");
        assertThat(folded.lines()).isSameAs(LineMap.identity());
    }

    @Test
    void aRunBecomesOneBlankLineAndLaterLinesMapBack() {
        TriviaFolding.Folded folded = TriviaFolding.fold("a = 1\n\n# c\n  \nb = 2\n\n\nc = 3\n");

        assertThat(folded.text()).isEqualTo("a = 1\n\nb = 2\n\nc = 3\n");
        assertThat(List.of(1, 2, 3, 4, 5).stream().map(folded.lines()::fileLine).toList()).containsExactly(1, 2, 5, 6, 8);
    }
}
