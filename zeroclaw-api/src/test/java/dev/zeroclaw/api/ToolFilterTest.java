package dev.zeroclaw.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ToolFilterTest {

    @Test
    void aPatternWithoutStarMatchesOnlyItsName() {
        ToolPattern exact = new ToolPattern("read_file");

        assertThat(exact.matches("read_file")).isTrue();
        assertThat(exact.matches("read_file2")).isFalse();
        assertThat(exact.matches("read")).isFalse();
    }

    @Test
    void theStarStandsForAnyRunIncludingNone() {
        assertThat(new ToolPattern("read_*").matches("read_")).isTrue();
        assertThat(new ToolPattern("read_*").matches("read_text_file")).isTrue();
        assertThat(new ToolPattern("*_file").matches("write_file")).isTrue();
        assertThat(new ToolPattern("get_*_status").matches("get_pr_status")).isTrue();
        assertThat(new ToolPattern("get_*_status").matches("get_status")).isFalse();
        assertThat(new ToolPattern("ab*ba").matches("aba")).as("head and tail may not overlap").isFalse();
        assertThat(new ToolPattern("*").matches("anything")).isTrue();
        assertThat(new ToolPattern("Read*").matches("read_file")).as("case matters, as in tool names").isFalse();
    }

    @Test
    void patternsThatCanMatchNoToolNameAreRefused() {
        assertThat(ToolPattern.problem("github.get-issue_*")).isEmpty();
        assertThat(ToolPattern.problem("")).hasValueSatisfying(why -> assertThat(why).contains("empty"));
        assertThat(ToolPattern.problem("a*b*")).hasValueSatisfying(why -> assertThat(why).contains("at most one"));
        assertThat(ToolPattern.problem("fs/read")).hasValueSatisfying(why -> assertThat(why).contains("'/'"));
        assertThat(ToolPattern.problem("read\tfile")).hasValueSatisfying(why -> assertThat(why).contains("a space"));
        assertThatThrownBy(() -> new ToolPattern("a b")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void excludeWinsAndNoAllowedPatternAllowsAll() {
        ToolFilter onlyExcluded = ToolFilter.of(List.of(), List.of("write_*"));
        ToolFilter both = ToolFilter.of(List.of("read_*", "write_*"), List.of("write_secret*"));

        assertThat(ToolFilter.NONE.allows("anything")).isTrue();
        assertThat(onlyExcluded.allows("read_file")).isTrue();
        assertThat(onlyExcluded.hiddenBy("write_file")).contains("excluded by excluded_tools pattern 'write_*'");
        assertThat(both.allows("write_file")).isTrue();
        assertThat(both.hiddenBy("write_secrets")).contains("excluded by excluded_tools pattern 'write_secret*'");
        assertThat(both.hiddenBy("delete_file"))
                .contains("not matched by any allowed_tools pattern ('read_*', 'write_*')");
    }
}
