package dev.zeroclaw.daemon.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zeroclaw.api.ConfigError;
import dev.zeroclaw.config.ConfigParser;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The parser has the last word: servers it would refuse are never written, and are reported where they are. */
class ConfigAppenderTest {

    // A parser that knows stdio alone: the cursor file's remote servers are what it refuses.
    private static final ConfigParser STDIO_ONLY = new ConfigParser(Set.of("stdio"));

    @TempDir
    Path dir;

    @Test
    void serversTheParserRefusesAreReportedInTheImportedToml() throws Exception {
        ImportReport report = cursorReport();

        assertThat(new ConfigAppender(STDIO_ONLY).problemsAlone(report)).isNotEmpty()
                .allSatisfy(problem -> assertThat(problem.file()).isEqualTo("the imported TOML"))
                .extracting(ConfigError::message).anyMatch(message -> message.contains("'http'"));
        assertThat(new ConfigAppender(new ConfigParser()).problemsAlone(report)).isEmpty();
    }

    @Test
    void serversTheParserRefusesAreNotAppended() throws Exception {
        String before = "[mcp]\nenabled = true\n";
        Path config = Files.writeString(dir.resolve("config.toml"), before);

        assertThatThrownBy(() -> new ConfigAppender(STDIO_ONLY).append(config, cursorReport()))
                .isInstanceOf(ImportException.class)
                .hasMessageStartingWith("the imported servers would make " + config + " invalid; nothing written:\n"
                        + config + " (with the imported servers):");
        assertThat(Files.readString(config)).isEqualTo(before);
    }

    @Test
    void serversTheParserRefusesDoNotCreateAFile() throws Exception {
        Path config = dir.resolve("new/config.toml");

        assertThatThrownBy(() -> new ConfigAppender(STDIO_ONLY).append(config, cursorReport())).isInstanceOf(ImportException.class);
        assertThat(config).doesNotExist();
    }

    @Test
    void anEmptyFileGetsTheEntriesWithoutALeadingBlankLine() throws Exception {
        Path config = Files.writeString(dir.resolve("config.toml"), "");

        ConfigAppender.Appended appended = new ConfigAppender(new ConfigParser()).append(config, cursorReport());

        assertThat(appended.created()).isFalse();
        assertThat(Files.readString(config)).isEqualTo(appended.appended()).startsWith("# Imported by 'zeroclaw import cursor'");
    }

    @Test
    void aFileWithUpstreamsTopLevelMcpServersTableGetsEntriesInThatTable() throws Exception {
        String before = "[mcpServers]\nenabled = true\n";
        Path config = Files.writeString(dir.resolve("config.toml"), before);

        new ConfigAppender(new ConfigParser()).append(config, cursorReport());

        String after = Files.readString(config);
        assertThat(after).startsWith(before).contains("[[mcpServers.servers]]").doesNotContain("[[mcp.");
        assertThat(new ConfigParser().read(config.toString(), after.getBytes(StandardCharsets.UTF_8))
                .config().servers()).isNotEmpty();
    }

    private ImportReport cursorReport() throws Exception {
        Path file = ClientFiles.copy("cursor-mcp.json", dir.resolve("cursor.json"));
        return new ClientImporter(ClientFiles.environment(dir)).read(ClientFormat.CURSOR, Optional.of(file));
    }
}
