package dev.zeroclaw.config;

import static dev.zeroclaw.config.ConfigFixture.errors;
import static dev.zeroclaw.config.ConfigFixture.parse;
import static org.assertj.core.api.Assertions.assertThat;

import dev.zeroclaw.api.ServerSpec;
import dev.zeroclaw.api.ToolFilter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code allowed_tools}, {@code excluded_tools} and {@code max_result_bytes} as the user writes them. */
class ToolFilterConfigTest {

    @Test
    void patternsAndCapAreRead() {
        ServerSpec spec = parse("""
                [[mcp.servers]]
                name = "fs"
                command = "npx"
                allowed_tools = ["read_*", "list_directory"]
                excluded_tools = ["*_media_file"]
                max_result_bytes = 65536
                """).servers().get(0);

        assertThat(spec.toolFilter()).isEqualTo(ToolFilter.of(List.of("read_*", "list_directory"), List.of("*_media_file")));
        assertThat(spec.maxResultBytes()).isEqualTo(65536);
    }

    @Test
    void absentKeysAllowEveryToolUnderTheDefaultCap() {
        ServerSpec spec = parse("""
                [[mcp.servers]]
                name = "fs"
                command = "npx"
                """).servers().get(0);

        assertThat(spec.toolFilter()).isEqualTo(ToolFilter.NONE);
        assertThat(spec.maxResultBytes()).isEqualTo(ServerSpec.DEFAULT_MAX_RESULT_BYTES).isEqualTo(1 << 20);
    }

    @Test
    void aPatternNoToolNameCanMatchIsAnErrorAtThePattern() {
        assertThat(errors("""
                [[mcp.servers]]
                name = "fs"
                command = "npx"
                allowed_tools = ["read_*", ""]
                excluded_tools = ["write file", "a*b*"]
                """)).containsExactly(
                "config.toml:4:28: 'allowed_tools[1]': a tool pattern is empty; write a tool name, or a name with one '*'",
                "config.toml:5:19: 'excluded_tools[0]': tool pattern 'write file' has a space, which no tool name has"
                        + " (names use A-Z a-z 0-9 _ - . and a pattern one '*')",
                "config.toml:5:33: 'excluded_tools[1]': tool pattern 'a*b*' has 2 '*'; a pattern has at most one (as upstream"
                        + " ZeroClaw's tool_filter_groups)");
    }

    @Test
    void aPatternThatIsNoStringIsATypeError() {
        assertThat(errors("""
                [[mcp.servers]]
                name = "fs"
                command = "npx"
                excluded_tools = "write_*"
                """)).containsExactly("config.toml:4:18: 'excluded_tools' must be an array of strings, not a string");
    }

    @Test
    void aCapTooSmallForItsNoticeIsRefused() {
        assertThat(errors("""
                [[mcp.servers]]
                name = "fs"
                command = "npx"
                max_result_bytes = 100
                """)).containsExactly("config.toml:4:20: 'max_result_bytes' must be between 1024 and 1073741824, got 100");
    }
}
