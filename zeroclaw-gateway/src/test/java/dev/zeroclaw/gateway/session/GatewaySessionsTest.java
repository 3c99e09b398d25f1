package dev.zeroclaw.gateway.session;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.Test;

class GatewaySessionsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final GatewaySessions sessions = new GatewaySessions();

    @Test
    void sessionsPastTheCapEvictTheLongestIdleOne() {
        // Issue 17: 20k abandoned sessions held +55 MB; nothing capped them.
        List<GatewaySession> created = new ArrayList<>();
        for (int i = 0; i < GatewaySessions.MAX_SESSIONS; i++) {
            created.add(create());
        }
        created.get(0).seen(System.nanoTime());

        GatewaySession next = create();

        assertThat(sessions.size()).isEqualTo(GatewaySessions.MAX_SESSIONS);
        assertThat(sessions.find(next.id())).isPresent();
        assertThat(sessions.find(created.get(0).id())).as("seen last, so kept").isPresent();
        assertThat(sessions.find(created.get(1).id())).as("the longest idle").isEmpty();
        assertThat(created.get(1).isClosed()).isTrue();
    }

    @Test
    void whenEverySessionHasAStreamANewOneIsRefused() {
        for (int i = 0; i < GatewaySessions.MAX_SESSIONS; i++) {
            create().attach(SseStream.open(new StalledResponse(), Callback.NOOP));
        }

        assertThat(sessions.create("2025-06-18", "one too many", JSON.createObjectNode())).isEmpty();
        assertThat(sessions.size()).isEqualTo(GatewaySessions.MAX_SESSIONS);
    }

    @Test
    void aSessionIdlePastTenMinutesIsForgottenAtTheNextSweep() {
        GatewaySession idle = create();
        long start = idle.lastSeenNanos();

        sessions.sweep(start + GatewaySessions.IDLE_LIMIT.toNanos() - 1);
        assertThat(sessions.find(idle.id())).isPresent();
        sessions.sweep(start + Duration.ofMinutes(10).toNanos() + 1);

        assertThat(sessions.find(idle.id())).isEmpty();
    }

    @Test
    void aHugeClientNameIsCutTo128CharactersWithAnEllipsis() {
        // Issue 17: a 3 MB clientInfo.name made a 3 MB log line.
        GatewaySession session = sessions.create("2025-06-18", "n".repeat(3 * 1024 * 1024), JSON.createObjectNode())
                .orElseThrow();

        assertThat(session.clientName()).isEqualTo("n".repeat(128) + "…");
        assertThat(create().clientName()).isEqualTo("client");
    }

    private GatewaySession create() {
        return sessions.create("2025-06-18", "client", JSON.createObjectNode()).orElseThrow();
    }
}
