package dev.zeroclaw.benchmarks.reload;

import dev.zeroclaw.api.transport.TransportProvider;
import dev.zeroclaw.process.StdioTransportProvider;
import dev.zeroclaw.testing.InMemoryTransportProvider;
import java.time.Duration;
import java.util.List;

/** The MCP server every server of a benchmark's fleet runs, and the transport that reaches it. */
public enum FleetServer {

    /** The daemon's fixture, {@code node mcp-fixture.js --fault none --tools 3}: a real process over stdio. */
    FIXTURE {
        @Override
        FleetConfig config(int servers) {
            return FixtureServer.fleet(servers);
        }

        @Override
        TransportProvider provider() {
            return new StdioTransportProvider();
        }
    },

    /** In-memory, answering at once: only the daemon's own work is left to measure. */
    MEMORY {
        @Override
        TransportProvider provider() {
            return new InMemoryTransportProvider(TOOLS);
        }
    },

    /**
     * In-memory, answering {@code initialize} after 100 ms: a start-up that takes time but no CPU,
     * so that many starts at once measure the daemon's parallelism and not the machine's cores.
     */
    MEMORY_SLOW_START {
        @Override
        TransportProvider provider() {
            return new InMemoryTransportProvider(TOOLS, Duration.ofMillis(100));
        }
    };

    /** Tools each in-memory server lists, as many as the fixture's {@code --tools 3}. */
    static final int TOOLS = 3;

    /** {@code servers} servers of this kind. */
    FleetConfig config(int servers) {
        return new FleetConfig(InMemoryTransportProvider.NAME, "in-memory", List.of("--tools", "" + TOOLS), servers);
    }

    /** A new provider of the transport that reaches this server; the fleet that runs it closes it. */
    abstract TransportProvider provider();
}
