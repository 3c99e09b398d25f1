package dev.zeroclaw.config;

import static dev.zeroclaw.config.ConfigFixture.errors;
import static org.assertj.core.api.Assertions.assertThat;

import dev.zeroclaw.api.McpConfig;
import dev.zeroclaw.api.PinMode;
import org.junit.jupiter.api.Test;

class PinToolsParsingTest {

    @Test
    void theDefaultIsOffAndNoStateDirectoryIsNamed() {
        McpConfig config = ConfigFixture.parse("""
                [[mcp.servers]]
                name = "fs"
                command = "npx"
                """);

        assertThat(config.server("fs").orElseThrow().pinTools()).isEqualTo(PinMode.OFF);
        assertThat(config.settings().pinTools()).isEqualTo(PinMode.OFF);
        assertThat(config.settings().stateDir()).isEmpty();
    }

    @Test
    void aServerTakesTheMcpModeUnlessItSetsItsOwn() {
        McpConfig config = ConfigFixture.parse("""
                [mcp]
                pin_tools = "warn"
                state_dir = "/var/lib/zeroclaw"
                [[mcp.servers]]
                name = "inherits"
                command = "npx"
                [[mcp.servers]]
                name = "own"
                command = "npx"
                pin_tools = "block"
                """);

        assertThat(config.server("inherits").orElseThrow().pinTools()).isEqualTo(PinMode.WARN);
        assertThat(config.server("own").orElseThrow().pinTools()).isEqualTo(PinMode.BLOCK);
        assertThat(config.settings().stateDir()).contains("/var/lib/zeroclaw");
    }

    @Test
    void aWrongModeOrARelativeStateDirIsAnErrorAtItsValue() {
        assertThat(errors("""
                [mcp]
                pin_tools = "strict"
                state_dir = "state"
                [[mcp.servers]]
                name = "fs"
                command = "npx"
                pin_tools = "blok"
                """)).containsExactly(
                "config.toml:2:13: unknown pin_tools mode 'strict' — valid modes are: off, warn, block",
                "config.toml:3:13: 'state_dir' must be an absolute path, got 'state'",
                "config.toml:7:13: unknown pin_tools mode 'blok' — did you mean 'block'?");
    }
}
