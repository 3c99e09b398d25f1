package dev.zeroclaw.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class NamespacedNameTest {

    @Test
    void splitsAtTheConfiguredServerName() {
        assertThat(NamespacedName.parse("memory__read_graph", List.of("everything", "memory")))
                .contains(new NamespacedName("memory", "read_graph"));
    }

    @Test
    void aServerNameEndingInAnUnderscoreWinsOverAShorterPrefix() {
        assertThat(NamespacedName.parse("a___tool", List.of("a", "a_")))
                .contains(new NamespacedName("a_", "tool"));
        assertThat(NamespacedName.parse("a___tool", List.of("a")))
                .contains(new NamespacedName("a", "_tool"));
    }

    @Test
    void aConfiguredServerWithNothingAfterTheSeparatorIsAnEmptyNameNotAMissingServer() {
        // Issue 17: 'a__' said "no server named 'a' is configured" while 'a' was.
        assertThat(NamespacedName.whyNoMatch("a__", List.of("a"), "tool"))
                .contains("no tool name follows 'a__'; names are <server>__<tool>");
        assertThat(NamespacedName.whyNoMatch("a___", List.of("a", "a_"), "tool"))
                .contains("no tool name follows 'a___'; names are <server>__<tool>");
        assertThat(NamespacedName.whyNoMatch("gone__tool", List.of("a"), "tool")).isEmpty();
        assertThat(NamespacedName.whyNoMatch("plain", List.of("a"), "tool")).contains("names are <server>__<tool>");
    }

    @Test
    void toolNamesMayContainTheSeparator() {
        assertThat(NamespacedName.parse("fs__read__file", List.of("fs"))).contains(new NamespacedName("fs", "read__file"));
    }

    @Test
    void unknownServerOrEmptyToolIsNoMatch() {
        assertThat(NamespacedName.parse("gone__tool", List.of("fs"))).isEmpty();
        assertThat(NamespacedName.parse("fs__", List.of("fs"))).isEmpty();
        assertThat(NamespacedName.guessServer("gone__tool")).isEqualTo("gone");
        assertThat(NamespacedName.guessServer("plain")).isEmpty();
    }

    @Test
    void roundTrips() {
        assertThat(new NamespacedName("fs", "read").qualified()).isEqualTo("fs__read");
    }
}
