package dev.zeroclaw.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zeroclaw.api.ExposedNames;
import dev.zeroclaw.api.ServerPrefixes;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NamespacedNameTest {

    @Test
    void splitsAtTheConfiguredServerName() {
        assertThat(NamespacedName.parse("memory__read_graph", ServerPrefixes.of(List.of("everything", "memory"))))
                .contains(new NamespacedName("memory", "read_graph"));
    }

    @Test
    void aServerNameEndingInAnUnderscoreWinsOverAShorterPrefix() {
        assertThat(NamespacedName.parse("a___tool", ServerPrefixes.of(List.of("a", "a_"))))
                .contains(new NamespacedName("a_", "tool"));
        assertThat(NamespacedName.parse("a___tool", ServerPrefixes.of(List.of("a"))))
                .contains(new NamespacedName("a", "_tool"));
    }

    @Test
    void aConfiguredServerWithNothingAfterTheSeparatorIsAnEmptyNameNotAMissingServer() {
        // Issue 17: 'a__' said "no server named 'a' is configured" while 'a' was.
        assertThat(NamespacedName.whyNoMatch("a__", ServerPrefixes.of(List.of("a")), "tool"))
                .contains("no tool name follows 'a__'; names are <server>__<tool>");
        assertThat(NamespacedName.whyNoMatch("a___", ServerPrefixes.of(List.of("a", "a_")), "tool"))
                .contains("no tool name follows 'a___'; names are <server>__<tool>");
        assertThat(NamespacedName.whyNoMatch("gone__tool", ServerPrefixes.of(List.of("a")), "tool")).isEmpty();
        assertThat(NamespacedName.whyNoMatch("plain", ServerPrefixes.of(List.of("a")), "tool")).contains("names are <server>__<tool>");
    }

    @Test
    void toolNamesMayContainTheSeparator() {
        assertThat(NamespacedName.parse("fs__read__file", ServerPrefixes.of(List.of("fs")))).contains(new NamespacedName("fs", "read__file"));
    }

    @Test
    void unknownServerOrEmptyToolIsNoMatch() {
        assertThat(NamespacedName.parse("gone__tool", ServerPrefixes.of(List.of("fs")))).isEmpty();
        assertThat(NamespacedName.parse("fs__", ServerPrefixes.of(List.of("fs")))).isEmpty();
        assertThat(NamespacedName.guessServer("gone__tool")).isEqualTo("gone");
        assertThat(NamespacedName.guessServer("plain")).isEmpty();
    }

    @Test
    void roundTrips() {
        ServerPrefixes prefixes = ServerPrefixes.of(List.of("fs"));
        String exposed = ExposedNames.of(prefixes, Map.of("fs", List.of("read"))).exposed("fs", "read");
        assertThat(exposed).isEqualTo("fs__read");
        assertThat(NamespacedName.parse(exposed, prefixes)).contains(new NamespacedName("fs", "read"));
    }

    @Test
    void serversWhoseNamesClientsRefuseAreReachedByTheirPrefix() {
        ServerPrefixes prefixes = ServerPrefixes.of(List.of("github.com", "my server", "a__b"));

        assertThat(NamespacedName.parse("github_com__get_issue", prefixes))
                .contains(new NamespacedName("github.com", "get_issue"));
        assertThat(NamespacedName.parse("a_b__x", prefixes)).contains(new NamespacedName("a__b", "x"));
        assertThat(NamespacedName.parse("github.com__get_issue", prefixes)).isEmpty();
    }
}
