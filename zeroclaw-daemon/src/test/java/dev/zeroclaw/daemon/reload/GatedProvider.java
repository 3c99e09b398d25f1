package dev.zeroclaw.daemon.reload;

import static java.util.Objects.requireNonNull;

import dev.zeroclaw.api.ServerSpec;
import dev.zeroclaw.api.transport.Transport;
import dev.zeroclaw.api.transport.TransportContext;
import dev.zeroclaw.api.transport.TransportListener;
import dev.zeroclaw.api.transport.TransportProvider;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * Transport {@code gated}: in-memory servers whose {@code initialize} is sent only once the test
 * opens the gate, so that a reload starting one is held in the middle of its apply step.
 */
final class GatedProvider implements TransportProvider {

    static final String NAME = "gated";

    private final TransportProvider servers;
    private final CountDownLatch initializing = new CountDownLatch(1);
    private final CountDownLatch gate = new CountDownLatch(1);

    GatedProvider(TransportProvider servers) {
        this.servers = requireNonNull(servers, "servers is null");
    }

    @Override
    public String name() {
        return NAME;
    }

    /** Counts down when a server's {@code initialize} waits at the gate. */
    CountDownLatch initializing() {
        return initializing;
    }

    void open() {
        gate.countDown();
    }

    @Override
    public Transport open(ServerSpec spec, TransportContext context) {
        Transport inner = servers.open(spec, context);
        return new Transport() {
            @Override
            public void start(TransportListener listener) throws IOException {
                inner.start(listener);
            }

            @Override
            public void send(String message) throws IOException {
                if (message.contains("\"method\":\"initialize\"")) {
                    initializing.countDown();
                    try {
                        gate.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IOException("interrupted at the gate", e);
                    }
                }
                inner.send(message);
            }

            @Override
            public void close(Duration deadline) {
                inner.close(deadline);
            }
        };
    }
}
