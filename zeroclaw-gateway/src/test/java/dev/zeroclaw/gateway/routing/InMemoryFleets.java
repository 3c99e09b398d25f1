package dev.zeroclaw.gateway.routing;

import dev.zeroclaw.testing.InMemoryMcpServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Starts {@link InMemoryFleet}s for a test and stops them after it ({@code @RegisterExtension}). */
public final class InMemoryFleets implements AfterEachCallback {

    private final List<InMemoryFleet> started = new ArrayList<>();

    /** {@link InMemoryFleet#ready}, stopped after the test. */
    public InMemoryFleet ready(Map<String, InMemoryMcpServer> servers) {
        return keep(InMemoryFleet.ready(servers));
    }

    /** {@link InMemoryFleet#ready(Map, ScheduledExecutorService)}, stopped after the test. */
    public InMemoryFleet ready(Map<String, InMemoryMcpServer> servers, ScheduledExecutorService timers) {
        return keep(InMemoryFleet.ready(servers, timers));
    }

    /** {@link InMemoryFleet#starting}, stopped after the test. */
    public InMemoryFleet starting(Map<String, InMemoryMcpServer> servers) {
        return keep(InMemoryFleet.starting(servers));
    }

    private InMemoryFleet keep(InMemoryFleet fleet) {
        started.add(fleet);
        return fleet;
    }

    @Override
    public void afterEach(ExtensionContext context) {
        started.forEach(InMemoryFleet::close);
        started.clear();
    }
}
