package dev.zeroclaw.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.zeroclaw.api.ConfigError;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading from disk: the file label in errors, and a clear sentence for a file that cannot be read. */
class ConfigParserLoadTest {

    @TempDir
    Path dir;

    @Test
    void loadsAFile() throws Exception {
        Path file = Files.writeString(dir.resolve("config.toml"), UpstreamConfigTest.UPSTREAM);

        assertThat(new ConfigParser().load(file)).isEqualTo(ConfigFixture.parse(UpstreamConfigTest.UPSTREAM));
    }

    @Test
    void errorsNameThePathAsGiven() throws IOException {
        Path file = Files.writeString(dir.resolve("config.toml"), "[mcp]\nenabled = \"yes\"\n");

        ConfigException e = catchThrowableOfType(ConfigException.class, () -> new ConfigParser().load(file));

        assertThat(e.getMessage()).isEqualTo(file + ":2:11: 'enabled' must be a boolean (true or false), not a string");
    }

    @Test
    void missingFileIsOneErrorWithoutPosition() {
        Path file = dir.resolve("absent.toml");

        ConfigException e = catchThrowableOfType(ConfigException.class, () -> new ConfigParser().load(file));

        assertThat(e.errors()).containsExactly(ConfigError.ofFile(file.toString(), "the configuration file does not exist"));
        assertThat(e.getMessage()).isEqualTo(file + ": the configuration file does not exist");
        assertThat(e.getStackTrace()).isEmpty();
        assertThat(e.getCause()).isNull();
    }

    @Test
    void directoryIsOneErrorWithoutPosition() {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> new ConfigParser().load(dir));

        assertThat(e.getMessage()).isEqualTo(dir + ": the configuration file cannot be read: it is a directory");
    }

    @Test
    void exceptionMessageIsOneErrorPerLine() {
        ConfigException e = ConfigFixture.rejection(new ConfigParser(), """
                [mcp]
                enabled = 1
                auto_reload = 2
                """);

        assertThat(e.getMessage()).isEqualTo("""
                config.toml:2:11: 'enabled' must be a boolean (true or false), not an integer
                config.toml:3:15: 'auto_reload' must be a boolean (true or false), not an integer""");
        assertThat(e.getStackTrace()).isEmpty();
    }

    @Test
    void contentIsReadAsBytes() throws Exception {
        Path file = Files.write(dir.resolve("latin1.toml"), "# caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));

        ConfigException e = catchThrowableOfType(ConfigException.class, () -> new ConfigParser().load(file));

        assertThat(e.getMessage()).isEqualTo(file + ":1:6: invalid UTF-8 (byte 0xE9 at offset 5): save the file as UTF-8");
    }
}
