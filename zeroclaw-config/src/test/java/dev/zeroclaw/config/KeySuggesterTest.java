package dev.zeroclaw.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class KeySuggesterTest {

    private static final List<String> KEYS = ServerEntryReader.KEYS;

    @Test
    void suggestsTheKeyOneTypoAway() {
        assertThat(KeySuggester.closest("comand", KEYS)).contains("command");
        assertThat(KeySuggester.closest("agrs", KEYS)).contains("args");
        assertThat(KeySuggester.closest("Env", KEYS)).contains("env");
    }

    @Test
    void ignoresCaseAndDashesSoOtherSpellingsOfAKeyAreFound() {
        assertThat(KeySuggester.closest("tool-timeout-secs", KEYS)).contains("tool_timeout_secs");
        assertThat(KeySuggester.closest("toolTimeoutSecs", KEYS)).contains("tool_timeout_secs");
        assertThat(KeySuggester.closest("restartStrategy", KEYS)).contains("restart_strategy");
    }

    @Test
    void suggestsNothingForAnUnrelatedName() {
        assertThat(KeySuggester.closest("bogus", KEYS)).isEmpty();
        assertThat(KeySuggester.closest("x", List.of("stdio", "http", "sse"))).isEmpty();
    }

    @Test
    void sentenceSuggestsOrLists() {
        assertThat(KeySuggester.unknown("transport", "stdoi", List.of("http", "sse", "stdio"), "known transports"))
                .isEqualTo("unknown transport 'stdoi' — did you mean 'stdio'?");
        assertThat(KeySuggester.unknown("transport", "grpc", List.of("http", "sse", "stdio"), "known transports"))
                .isEqualTo("unknown transport 'grpc' — known transports are: http, sse, stdio");
    }
}
