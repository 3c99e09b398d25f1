package dev.zeroclaw.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.zeroclaw.api.ServerSpec;
import dev.zeroclaw.api.transport.TransportEnd;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A server that never reads its stdin: send must fail fast once the queue is full, never block its caller. */
class StdioTransportStuckServerTest {

    /** Only a guard against the old hang; a working send returns in milliseconds. */
    private static final Duration HANG_GUARD = Duration.ofSeconds(60);

    @Test
    void sendsToAServerThatDoesNotReadItsStdinFailAtOnceOnceTheQueueIsFull() throws Exception {
        RecordingListener listener = new RecordingListener();
        StdioTransport transport = Fixtures.transport(ServerSpec.builder("stuck").command("sleep").args(List.of("1000")).build());
        transport.start(listener);
        try {
            // A 200 KB tools/call, as in the issue: the pipe takes 64 KiB, the queue 8 MiB, then no more.
            String call = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"pad\":\"" + "x".repeat(200_000) + "\"}}";
            long sendsThatFit = (StdinWriter.MAX_QUEUED_BYTES + 1024 * 1024) / call.length() + 2;

            assertTimeoutPreemptively(HANG_GUARD, () -> assertThatThrownBy(() -> {
                for (long i = 0; i < sendsThatFit; i++) {
                    transport.send(call);
                }
            }).isInstanceOf(IOException.class)
                    .hasMessageStartingWith("server 'stuck' is not reading its stdin: ")
                    .hasMessageContaining("KiB queued (limit 8192 KiB)"));
        } finally {
            transport.close(Duration.ZERO);
        }
        assertThat(listener.awaitEnd().kind()).isEqualTo(TransportEnd.Kind.CLOSED);
    }
}
