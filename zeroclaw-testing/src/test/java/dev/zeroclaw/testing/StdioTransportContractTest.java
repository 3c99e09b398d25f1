package dev.zeroclaw.testing;

import dev.zeroclaw.api.ServerSpec;
import dev.zeroclaw.api.transport.Transport;
import dev.zeroclaw.api.transport.TransportProvider;
import dev.zeroclaw.process.StdioTransportProvider;
import java.nio.file.Path;
import java.util.List;

/**
 * The built-in {@code stdio} transport against a real process. The server is {@code cat}: the
 * transport does not parse MCP, so a process that answers each line with itself and ends at the
 * end of its input is all the contract needs, and it starts in milliseconds.
 */
class StdioTransportContractTest extends TransportContractTest {

    @Override
    protected List<Path> pluginClassPath() {
        return PluginHarness.classPathOf(StdioTransportProvider.class);
    }

    @Override
    protected String transportName() {
        return StdioTransportProvider.NAME;
    }

    /** Built in: the daemon loads it from its own class path (with jnr-posix), not as a plugin. */
    @Override
    protected TransportProvider provider() {
        return new StdioTransportProvider();
    }

    @Override
    protected ContractServer startServer() {
        return new ContractServer() {
            @Override
            public ServerSpec spec() {
                return ServerSpec.builder("cat").transport("stdio").command("cat").build();
            }

            @Override
            public void goAway(Transport transport) {
                long pid = transport.pid().orElseThrow(() -> new AssertionError("a stdio server has a pid"));
                ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
            }

            @Override
            public void close() {}
        };
    }

    @Override
    protected ServerSpec unreachableServer() {
        return ServerSpec.builder("missing").transport("stdio").command("/nonexistent/zeroclaw-contract-no-such-command").build();
    }
}
