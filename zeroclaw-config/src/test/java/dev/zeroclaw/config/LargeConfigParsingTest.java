package dev.zeroclaw.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.zeroclaw.api.ConfigError;
import dev.zeroclaw.api.McpConfig;
import dev.zeroclaw.api.ServerSpec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tomlj.TomlTable;

/**
 * Files of the shapes that made tomlj's parse time grow with the cube of a run of blank or comment
 * lines (2,000 blank lines took 9 s, a 1 MiB comment block never finished): each must parse, with
 * every position after the run still the file's own line. Times are measured by
 * {@code LargeConfigBenchmark} (docs/benchmarks.md), not here.
 */
class LargeConfigParsingTest {

    private static final int MIB = 1 << 20;
    // A deadline far above what these files take even on a loaded machine: before folding, the
    // larger shapes ran for hours and were refused by it.
    private static final ConfigParser PARSER = new ConfigParser().withParseTimeout(Duration.ofSeconds(60));

    @Test
    void twoThousandBlankLinesParseWithPositionsAfterThem() throws ConfigException {
        assertRunParses("\n", 2_000);
    }

    @Test
    void twentyThousandBlankLinesParseWithPositionsAfterThem() throws ConfigException {
        assertRunParses("\n", 20_000);
    }

    @Test
    void oneThousandCommentLinesParseWithPositionsAfterThem() throws ConfigException {
        assertRunParses("# a comment line, as a long commented-out block has them\n", 1_000);
    }

    @Test
    void twentyThousandCommentLinesParseWithPositionsAfterThem() throws ConfigException {
        assertRunParses("  # indented comment\r\n", 20_000);
    }

    @Test
    void oneMebibyteCommentBlockParses() throws ConfigException {
        String line = "# " + "x".repeat(60) + "\n";
        int lines = MIB / line.length() + 1;
        assertRunParses(line, lines);
    }

    @Test
    void oneMebibyteOfServersParses() throws ConfigException {
        StringBuilder text = new StringBuilder("[mcp]\nenabled = true\n");
        int servers = 0;
        while (text.length() < MIB) {
            text.append("\n# server ").append(servers).append("\n\n\n[[mcp.servers]]\nname = \"s").append(servers)
                    .append("\"\ncommand = \"npx\"\nargs = [\n  \"-y\",\n\n  # the package\n  \"pkg-").append(servers)
                    .append("\",\n]\nenv = { \"LOG_LEVEL\" = \"info\" }\n");
            servers++;
        }
        int lastLine = (int) text.chars().filter(c -> c == '\n').count() + 1;
        text.append("comand = \"typo\"\n");

        ParsedConfig parsed = PARSER.read("config.toml", bytes(text.toString()));

        McpConfig config = parsed.config();
        assertThat(config.servers()).hasSize(servers - 1);
        assertThat(config.servers().get(0).args()).containsExactly("-y", "pkg-0");
        assertThat(parsed.errors()).extracting(ConfigError::toString).containsExactly(
                "config.toml:" + lastLine + ":1: unknown key 'comand' — did you mean 'command'?");
    }

    @Test
    void linesOfMultiLineStringsAreKeptAndLaterLinesMapped() throws ConfigException {
        String text = "a = \"\"\"x\n\n\n\n# not a comment\ny\"\"\"\nb = '''p\n\n\n'''\n\n\n\nc = \"#\" # \"\"\"\n\n\nd = 1\n";

        TomlDocument document = TomlSource.read("config.toml", bytes(text));
        TomlTable table = document.table();

        assertThat(table.getString(List.of("a"))).isEqualTo("x\n\n\n\n# not a comment\ny");
        assertThat(table.getString(List.of("b"))).isEqualTo("p\n\n\n");
        assertThat(table.getString(List.of("c"))).isEqualTo("#");
        assertThat(document.lines().fileLine(table.inputPositionOf(List.of("d")).line())).isEqualTo(17);
    }

    @Test
    void syntaxErrorsAfterFoldedRunsNameTheFileLines() {
        String text = "a = 1\n" + "\n".repeat(3_000) + "# c\n".repeat(3_000) + "a = 2\nb = [1,,2]\n";

        ConfigException e = catchThrowableOfType(() -> TomlSource.parse("config.toml", bytes(text)), ConfigException.class);

        assertThat(e.errors()).extracting(ConfigError::toString).containsExactlyInAnyOrder(
                "config.toml:6002:1: a previously defined at line 1, column 1",
                "config.toml:6003:8: Unexpected ',', expected ], a value, or a newline");
    }

    @Test
    void aForbiddenCharacterInAFoldedCommentBlockIsReportedAtItsLine() {
        String text = "# ok\n".repeat(500) + "# bell \u0007\n" + "# ok\n".repeat(500) + "k = 1\n";

        ConfigException e = catchThrowableOfType(() -> TomlSource.parse("config.toml", bytes(text)), ConfigException.class);

        assertThat(e.errors()).extracting(ConfigError::toString).containsExactly(
                "config.toml:501:8: Unexpected '\\u0007', expected a newline");
    }

    // [mcp], the run, then a server and a misspelt key, each of which must be placed at its own line after the run.
    private static void assertRunParses(String runLine, int count) throws ConfigException {
        String head = "[mcp]\nenabled = true\n";
        String tail = "[[mcp.servers]]\nname = \"fs\"\ncommand = \"npx\"\n[mcp.gateway]\nlisten = \"127.0.0.1:8765\"\nlisen = 1\n";
        String text = head + runLine.repeat(count) + tail + runLine.repeat(count);
        int serverLine = 2 + count + 1;

        ParsedConfig parsed = PARSER.read("config.toml", bytes(text));

        assertThat(parsed.config().servers()).extracting(ServerSpec::name).containsExactly("fs");
        assertThat(parsed.errors()).extracting(ConfigError::toString).singleElement().asString()
                .startsWith("config.toml:" + (serverLine + 5) + ":1: unknown key 'lisen'");
        ServerSpec fs = ServerSpec.builder("fs").command("npx").build();
        assertThat(parsed.entry(fs).errorAt("command", "here").toString())
                .isEqualTo("config.toml:" + (serverLine + 2) + ":11: here");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
