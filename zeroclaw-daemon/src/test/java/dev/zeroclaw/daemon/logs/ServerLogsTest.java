package dev.zeroclaw.daemon.logs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zeroclaw.daemon.follow.Following;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ServerLogsTest {

    private static final Instant NOW = Instant.parse("2026-11-30T22:00:00Z");

    private final ServerLogs logs = new ServerLogs(Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void keepsTheLastLinesOfEachInstanceAfterItsStartMarker() {
        logs.launched("fs", 1, OptionalLong.of(100));
        logs.said("fs", 1, OptionalLong.of(100), "one");
        logs.launched("fs", 2, OptionalLong.of(200));
        logs.said("fs", 2, OptionalLong.of(200), "two");
        logs.said("other", 1, OptionalLong.of(300), "elsewhere");

        assertThat(logs.tail("fs", 50)).containsExactly(
                new InstanceStart("fs", 1, OptionalLong.of(100), NOW),
                new StderrLine("fs", 1, OptionalLong.of(100), NOW, "one"),
                new InstanceStart("fs", 2, OptionalLong.of(200), NOW),
                new StderrLine("fs", 2, OptionalLong.of(200), NOW, "two"));
        assertThat(logs.tail("fs", 1)).extracting(LogEntry::json).extracting(node -> node.path("type").asText())
                .containsExactly("instance_started", "stderr");
        assertThat(logs.tail("fs", 0)).isEmpty();
        assertThat(logs.last("fs")).map(StderrLine::line).hasValue("two");
        assertThat(logs.tail("nosuch", 50)).isEmpty();
    }

    @Test
    void anInstanceThatStartedAfterTheLastLineIsShownToo() {
        logs.said("fs", 1, OptionalLong.of(100), "before the start was reported");
        logs.launched("fs", 1, OptionalLong.of(100));
        logs.launched("fs", 2, OptionalLong.empty());

        assertThat(logs.tail("fs", 50)).extracting(LogEntry::json).extracting(node -> node.path("type").asText() + " "
                + node.path("instance").asLong()).containsExactly("instance_started 1", "stderr 1", "instance_started 2");
    }

    @Test
    void keepsAtMostFiveHundredLinesTheOldestGoFirst() {
        logs.launched("fs", 1, OptionalLong.of(100));
        for (int i = 0; i < ServerLogs.MAX_LINES + 20; i++) {
            logs.said("fs", 1, OptionalLong.of(100), "line " + i);
        }

        List<String> kept = lines(logs.tail("fs", Integer.MAX_VALUE));
        assertThat(kept).hasSize(ServerLogs.MAX_LINES);
        assertThat(kept.get(0)).isEqualTo("line 20");
        assertThat(kept.get(kept.size() - 1)).isEqualTo("line " + (ServerLogs.MAX_LINES + 19));
    }

    @Test
    void keepsAtMostTheCharacterBudgetOfLongLines() {
        String long8k = "x".repeat(8 * 1024);
        for (int i = 0; i < 40; i++) {
            logs.said("fs", 1, OptionalLong.of(100), i + long8k);
        }

        List<String> kept = lines(logs.tail("fs", ServerLogs.MAX_LINES));
        assertThat(kept.stream().mapToInt(String::length).sum()).isLessThanOrEqualTo(ServerLogs.MAX_CHARS);
        assertThat(kept).hasSize(ServerLogs.MAX_CHARS / (long8k.length() + 2));
        assertThat(kept.get(kept.size() - 1)).startsWith("39x");
    }

    @Test
    void keepsTheLastThreeInstancesOnly() {
        for (long instance = 1; instance <= 4; instance++) {
            logs.launched("fs", instance, OptionalLong.of(instance * 100));
            logs.said("fs", instance, OptionalLong.of(instance * 100), "from " + instance);
        }
        logs.said("fs", 1, OptionalLong.of(100), "late, from an instance no longer kept");

        assertThat(lines(logs.tail("fs", 50))).containsExactly("from 2", "from 3", "from 4");
        assertThat(logs.tail("fs", 50)).filteredOn(InstanceStart.class::isInstance).hasSize(ServerLogs.MAX_INSTANCES);
    }

    @Test
    void aFollowerGetsTheTailThenEachNewLineAndStartThenNothingOnceClosed() throws InterruptedException {
        logs.said("fs", 1, OptionalLong.of(100), "kept");
        Following<LogEntry> following = logs.follow("fs", 50);

        logs.said("fs", 1, OptionalLong.of(100), "live");
        logs.launched("fs", 2, OptionalLong.of(200));
        logs.said("fs", 2, OptionalLong.of(200), "new instance");

        assertThat(lines(following.backlog())).containsExactly("kept");
        assertThat(following.live().poll(Duration.ZERO)).isEqualTo(new StderrLine("fs", 1, OptionalLong.of(100), NOW, "live"));
        assertThat(following.live().poll(Duration.ZERO)).isEqualTo(new InstanceStart("fs", 2, OptionalLong.of(200), NOW));
        assertThat(following.live().poll(Duration.ZERO)).isEqualTo(new StderrLine("fs", 2, OptionalLong.of(200), NOW, "new instance"));

        following.close();
        logs.said("fs", 2, OptionalLong.of(200), "after");
        assertThat(following.live().poll(Duration.ZERO)).isNull();
    }

    @Test
    void aSlowFollowerLosesLinesCountedNeverBlocksTheServer() throws InterruptedException {
        Following<LogEntry> following = logs.follow("fs", 0);
        int written = ServerLogs.FOLLOWER_ITEMS + 500;
        for (int i = 0; i < written; i++) {
            logs.said("fs", 1, OptionalLong.of(100), "line " + i);
        }

        List<LogEntry> received = new ArrayList<>();
        for (LogEntry entry = following.live().poll(Duration.ZERO); entry != null; entry = following.live().poll(Duration.ZERO)) {
            received.add(entry);
        }
        long dropped = received.stream().filter(DroppedLines.class::isInstance).mapToLong(entry -> ((DroppedLines) entry).count())
                .sum();
        assertThat(lines(received)).hasSizeLessThan(written);
        assertThat(lines(received).size() + dropped).isEqualTo(written);
        assertThat(received.get(received.size() - 1).json().path("type").asText()).isEqualTo("dropped");
    }

    @Test
    void aReloadForgetsRemovedServersUnlessFollowed() {
        logs.said("gone", 1, OptionalLong.empty(), "bye");
        logs.said("watched", 1, OptionalLong.empty(), "still wanted");
        logs.said("kept", 1, OptionalLong.empty(), "hello");
        Following<LogEntry> following = logs.follow("watched", 10);

        logs.retain(Set.of("kept"));

        assertThat(logs.last("gone")).isEmpty();
        assertThat(logs.last("watched")).isPresent();
        assertThat(logs.last("kept")).isPresent();
        following.close();
    }

    @Test
    void aLineIsOneJsonObjectWithTimeTypeInstanceAndPid() {
        logs.said("fs", 3, OptionalLong.empty(), "a \"quoted\" line");

        assertThat(logs.tail("fs", 1).get(1).json().toString()).isEqualTo(
                "{\"time\":\"2026-11-30T22:00:00Z\",\"type\":\"stderr\",\"server\":\"fs\",\"instance\":3,\"pid\":null,"
                        + "\"line\":\"a \\\"quoted\\\" line\"}");
    }

    private static List<String> lines(List<LogEntry> entries) {
        return entries.stream().filter(StderrLine.class::isInstance).map(entry -> ((StderrLine) entry).line()).toList();
    }
}
