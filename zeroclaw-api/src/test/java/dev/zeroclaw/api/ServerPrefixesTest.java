package dev.zeroclaw.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServerPrefixesTest {

    @Test
    void aNameClientsAcceptIsItsOwnPrefix() {
        assertThat(ServerPrefixes.of(List.of("github", "my-tool_2")).byServer())
                .containsExactly(Map.entry("github", "github"), Map.entry("my-tool_2", "my-tool_2"));
    }

    @Test
    void otherCharactersBecomeOneUnderscore() {
        assertThat(ServerPrefixes.sanitised("github.com")).isEqualTo("github_com");
        assertThat(ServerPrefixes.sanitised(" my server ")).isEqualTo("my_server");
        assertThat(ServerPrefixes.sanitised("a__b")).isEqualTo("a_b");
        assertThat(ServerPrefixes.sanitised("über/tool")).isEqualTo("_ber_tool");
        assertThat(ServerPrefixes.sanitised("日本")).isEqualTo("_");
    }

    @Test
    void collidingPrefixesBothGetAStableSuffixAndStayApart() {
        ServerPrefixes prefixes = ServerPrefixes.of(List.of("github.com", "GitHub_com", "other"));

        String first = prefixes.prefix("github.com");
        String second = prefixes.prefix("GitHub_com");
        assertThat(first).matches("github_com_[0-9a-f]{6}");
        assertThat(second).matches("GitHub_com_[0-9a-f]{6}");
        assertThat(first.substring(first.length() - 6)).isNotEqualTo(second.substring(second.length() - 6));
        assertThat(prefixes.prefix("other")).isEqualTo("other");
        assertThat(ServerPrefixes.of(List.of("other", "GitHub_com", "github.com")).prefix("github.com")).isEqualTo(first);
        assertThat(prefixes.server(first)).contains("github.com");
    }

    @Test
    void everyPrefixIsAValidNamePart() {
        ServerPrefixes prefixes = ServerPrefixes.of(List.of("a b", "a.b", "x/y", "tab\there", "ok"));
        assertThat(prefixes.byServer().values()).allMatch(prefix -> prefix.matches("[a-zA-Z0-9_-]+") && !prefix.contains("__"));
    }
}
