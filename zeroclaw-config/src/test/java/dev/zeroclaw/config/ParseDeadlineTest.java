package dev.zeroclaw.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.zeroclaw.api.ConfigError;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** A parse that runs past its deadline refuses the file with a message that says so; it is never waited on. */
class ParseDeadlineTest {

    private static final byte[] CONFIG = "[mcp]\nenabled = true\n".getBytes(StandardCharsets.UTF_8);

    @Test
    void aParseThatNeverEndsIsRefusedAtTheDeadline() {
        CountDownLatch never = new CountDownLatch(1);
        ParseDeadline stuck = new ParseDeadline(Duration.ofMillis(50), (file, content) -> {
            try {
                never.await();
            } catch (InterruptedException e) {
                // The deadline gives up on the worker by interrupting it; this one then ends.
                Thread.currentThread().interrupt();
            }
            return TomlSource.read(file, content);
        });
        ConfigParser parser = new ConfigParser(new TransportNames(ConfigParser.BUILT_IN_TRANSPORTS, false), stuck);

        try {
            ConfigException e = catchThrowableOfType(() -> parser.parse("config.toml", CONFIG), ConfigException.class);

            assertThat(e.errors()).extracting(ConfigError::toString).containsExactly(
                    "config.toml: parsing took longer than 50 ms; the file is refused and the running configuration"
                            + " is kept: look for what makes it unusually large (a 1 MiB config parses in well under a second)");
        } finally {
            never.countDown();
        }
    }

    @Test
    void syntaxErrorsPassThroughTheDeadline() {
        ConfigParser parser = new ConfigParser().withParseTimeout(Duration.ofSeconds(30));

        ConfigException e = catchThrowableOfType(
                () -> parser.parse("config.toml", "a = 1\na = 2\n".getBytes(StandardCharsets.UTF_8)), ConfigException.class);

        assertThat(e.errors()).extracting(ConfigError::toString)
                .containsExactly("config.toml:2:1: a previously defined at line 1, column 1");
    }

    @Test
    void theDefaultDeadlineIsThirtySeconds() throws ConfigException {
        assertThat(new ConfigParser().parseTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(ConfigParser.acceptingAnyTransport().withParseTimeout(Duration.ofSeconds(3)).parseTimeout())
                .isEqualTo(Duration.ofSeconds(3));
        assertThat(new ConfigParser().parse("config.toml", CONFIG).servers()).isEqualTo(List.of());
    }
}
