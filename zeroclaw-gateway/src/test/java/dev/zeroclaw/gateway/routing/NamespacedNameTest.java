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
    void aServerNameWithTheSeparatorWinsOverAShorterPrefix() {
        assertThat(NamespacedName.parse("a__b__tool", List.of("a", "a__b")))
                .contains(new NamespacedName("a__b", "tool"));
        assertThat(NamespacedName.parse("a__c__tool", List.of("a", "a__b")))
                .contains(new NamespacedName("a", "c__tool"));
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
