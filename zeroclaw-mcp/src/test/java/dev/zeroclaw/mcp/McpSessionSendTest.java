package dev.zeroclaw.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zeroclaw.api.transport.Transport;
import dev.zeroclaw.api.transport.TransportListener;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** A request's timeout holds whatever the transport's send does: blocks, throws, or throws unchecked. */
class McpSessionSendTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** How long a blocked send waits for the timeout to fire before it gives up; a bound, never the expected time. */
    private static final long SEND_GIVES_UP_NANOS = Duration.ofSeconds(10).toNanos();

    @Test
    void aRequestTimesOutWhileItsSendIsStillBlocked() throws Exception {
        AtomicReference<McpSession> session = new AtomicReference<>();
        AtomicBoolean timedOutDuringSend = new AtomicBoolean();
        // A send stuck on a full pipe: it returns only once the request it carries has timed out (or gives up).
        McpSession blocked = session(message -> {
            long start = System.nanoTime();
            while (session.get().pendingRequests() > 0 && System.nanoTime() - start < SEND_GIVES_UP_NANOS) {
                Thread.onSpinWait();
            }
            timedOutDuringSend.set(session.get().pendingRequests() == 0);
        });
        session.set(blocked);

        CompletableFuture<?> answer = blocked.request("tools/call", JSON.createObjectNode(), Duration.ofMillis(1));

        assertThat(timedOutDuringSend).as("the timeout was armed before the send").isTrue();
        assertThat(answer).failsWithin(Duration.ofSeconds(10)).withThrowableOfType(Exception.class)
                .withCauseInstanceOf(TimeoutException.class);
    }

    @Test
    void aSendThatThrowsFailsTheRequestAtOnceWithItsReason() {
        McpSession session = session(message -> {
            throw new IOException("server 'x' is not reading its stdin: 8192 KiB queued");
        });

        CompletableFuture<?> answer = session.request("ping", JSON.createObjectNode(), Duration.ofHours(1));

        assertThat(answer).isCompletedExceptionally();
        assertThatThrownBy(answer::join).cause().isInstanceOf(IOException.class).hasMessageContaining("not reading its stdin");
        assertThat(session.pendingRequests()).isZero();
    }

    @Test
    void aSendThatThrowsUncheckedFailsTheRequestInsteadOfItsCaller() {
        McpSession session = session(message -> {
            throw new IllegalStateException("a plugin's bug");
        });

        CompletableFuture<?> answer = session.request("ping", JSON.createObjectNode(), Duration.ofHours(1));

        assertThat(answer).isCompletedExceptionally();
        assertThatThrownBy(answer::join).cause().hasMessage("a plugin's bug");
        assertThat(session.pendingRequests()).isZero();
    }

    private static McpSession session(Sender sender) {
        return new McpSession(new Transport() {
            @Override
            public void start(TransportListener listener) {}

            @Override
            public void send(String message) throws IOException {
                sender.send(message);
            }

            @Override
            public void close(Duration deadline) {}
        }, JSON, "test", line -> {}, end -> {});
    }

    private interface Sender {
        void send(String message) throws IOException;
    }
}
