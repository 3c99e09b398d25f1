package dev.zeroclaw.daemon.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.zeroclaw.daemon.follow.Following;
import dev.zeroclaw.daemon.logs.ServerLogs;
import dev.zeroclaw.gateway.session.GatewaySession;
import dev.zeroclaw.gateway.session.GatewaySessions;
import dev.zeroclaw.supervisor.ServerState;
import dev.zeroclaw.supervisor.ServerStatus;
import dev.zeroclaw.supervisor.SupervisorContext.StateListener;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class EventLogTest {

    private static final Instant NOW = Instant.parse("2026-11-30T22:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private final EventLog events = new EventLog(CLOCK);

    @Test
    void anEventIsOneObjectWithTimeAndTypeFirst() {
        events.record("list_changed", JsonNodeFactory.instance.objectNode().put("server", "fs").put("list", "tools"));

        assertThat(events.recent()).extracting(JsonNode::toString)
                .containsExactly("{\"time\":\"2026-11-30T22:00:00Z\",\"type\":\"list_changed\",\"server\":\"fs\",\"list\":\"tools\"}");
    }

    @Test
    void keepsTheLastThousandEvents() {
        for (int i = 0; i < EventLog.MAX_EVENTS + 5; i++) {
            events.record("test", JsonNodeFactory.instance.objectNode().put("n", i));
        }

        List<JsonNode> kept = events.recent();
        assertThat(kept).hasSize(EventLog.MAX_EVENTS);
        assertThat(kept.get(0).path("n").asInt()).isEqualTo(5);
    }

    @Test
    void keepsAtMostTheCharacterBudgetOfLargeEvents() {
        String large = "x".repeat(100 * 1024);
        for (int i = 0; i < 20; i++) {
            events.record("test", JsonNodeFactory.instance.objectNode().put("n", i).put("large", large));
        }

        List<JsonNode> kept = events.recent();
        assertThat(kept.stream().mapToInt(event -> event.toString().length()).sum()).isLessThanOrEqualTo(EventLog.MAX_CHARS);
        assertThat(kept).hasSizeBetween(1, 10);
        assertThat(kept.get(kept.size() - 1).path("n").asInt()).isEqualTo(19);
    }

    @Test
    void aFollowerGetsTheKeptEventsThenTheNewOnesInOrder() throws InterruptedException {
        events.record("before", JsonNodeFactory.instance.objectNode());
        Following<JsonNode> following = events.follow();
        events.record("after", JsonNodeFactory.instance.objectNode());

        assertThat(following.backlog()).extracting(event -> event.path("type").asText()).containsExactly("before");
        assertThat(following.live().poll(Duration.ZERO).path("type").asText()).isEqualTo("after");
        assertThat(following.live().poll(Duration.ZERO)).isNull();
        following.close();
    }

    @Test
    void theRecorderTellsStateChangesWithTheErrorAndListChangesThenPassesThemOn() {
        List<String> passedOn = new ArrayList<>();
        ServerLogs logs = new ServerLogs(CLOCK);
        FleetRecorder recorder = new FleetRecorder(new StateListener() {
            @Override
            public void changed(ServerStatus status, ServerState previous) {
                passedOn.add("changed " + status.name());
            }

            @Override
            public void notified(String server, String method, JsonNode params) {
                passedOn.add("notified " + method);
            }

            @Override
            public void said(String server, long instance, OptionalLong pid, String line) {
                passedOn.add("said " + line);
            }
        }, events, logs, new ServerStarts(CLOCK));

        recorder.changed(new ServerStatus("fs", "stdio", ServerState.BACKOFF, OptionalLong.empty(), 0, 1, 0, 0, "exited with status 3",
                OptionalLong.of(500)), ServerState.STARTING);
        recorder.notified("fs", "notifications/resources/list_changed", TextNode.valueOf(""));
        recorder.notified("fs", "notifications/progress", TextNode.valueOf(""));
        recorder.said("fs", 1, OptionalLong.of(7), "oops");

        assertThat(events.recent()).extracting(JsonNode::toString).containsExactly(
                "{\"time\":\"2026-11-30T22:00:00Z\",\"type\":\"server_state\",\"server\":\"fs\",\"state\":\"BACKOFF\","
                        + "\"previous\":\"STARTING\",\"pid\":null,\"error\":\"exited with status 3\"}",
                "{\"time\":\"2026-11-30T22:00:00Z\",\"type\":\"list_changed\",\"server\":\"fs\",\"list\":\"resources\"}");
        assertThat(logs.last("fs")).hasValueSatisfying(line -> assertThat(line.line()).isEqualTo("oops"));
        assertThat(passedOn).containsExactly("changed fs", "notified notifications/resources/list_changed",
                "notified notifications/progress", "said oops");
    }

    @Test
    void gatewaySessionsOpeningAndClosingAreEventsWithTheIdsFirstCharactersAndTheClientOnce() {
        GatewaySessions sessions = new GatewaySessions(new SessionRecorder(events));
        GatewaySession session = sessions.create("2025-06-18", "claude-code", JsonNodeFactory.instance.objectNode()).orElseThrow();

        sessions.remove(session);
        sessions.remove(session);

        assertThat(events.recent()).extracting(event -> event.path("type").asText() + " " + event.path("session").asText() + " "
                + event.path("client").asText()).containsExactly(
                        "session_opened " + session.id().substring(0, 8) + " claude-code",
                        "session_closed " + session.id().substring(0, 8) + " claude-code");
        assertThat(events.recent().toString()).doesNotContain(session.id());
    }
}
