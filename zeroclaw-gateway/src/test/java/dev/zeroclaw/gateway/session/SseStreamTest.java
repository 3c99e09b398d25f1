package dev.zeroclaw.gateway.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.Test;

class SseStreamTest {

    private static final String NOTIFICATION = "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/resources/updated\","
            + "\"params\":{\"uri\":\"zeroclaw://everything/test://static/resource/1\"}}";

    @Test
    void aClientThatDoesNotReadHasItsStreamCutOnceTheQueueExceedsTheCap() {
        // Issue 17: a client that stops reading while a server sends notifications; 300k small ones
        // held +91 MB until its TCP connection died.
        StalledResponse response = new StalledResponse();
        AtomicReference<Throwable> ended = new AtomicReference<>();
        SseStream stream = SseStream.open(response, Callback.from(() -> ended.set(null), ended::set));
        List<Boolean> closed = new ArrayList<>();
        stream.onClosed(() -> closed.add(true));

        int accepted = 0;
        long mostQueued = 0;
        for (int i = 0; i < 300_000 && stream.send(NOTIFICATION); i++) {
            accepted++;
            mostQueued = Math.max(mostQueued, stream.queuedBytes());
        }

        assertThat(mostQueued).isLessThanOrEqualTo(SseStream.MAX_QUEUED_BYTES);
        assertThat(accepted).isLessThan(300_000).isGreaterThan(SseStream.MAX_QUEUED_BYTES / (NOTIFICATION.length() + 64));
        assertThat(stream.isOpen()).isFalse();
        assertThat(stream.queuedBytes()).isZero();
        assertThat(closed).containsExactly(true);
        assertThat(ended.get()).hasMessageContaining("did not read its event stream");
        assertThat(stream.send(NOTIFICATION)).isFalse();
    }

    @Test
    void oneLargeMessageQueuesBehindTheWriteInFlight() {
        StalledResponse response = new StalledResponse();
        SseStream stream = SseStream.open(response, Callback.NOOP);

        assertThat(stream.send("\"" + "x".repeat(2 * SseStream.MAX_QUEUED_BYTES) + "\"")).isTrue();
        assertThat(stream.isOpen()).isTrue();
        // The next message behind it is over the cap.
        assertThat(stream.send(NOTIFICATION)).isFalse();
        assertThat(stream.isOpen()).isFalse();
    }
}
