package dev.zeroclaw.testing;

import dev.zeroclaw.transport.http.McpHttpFixture;
import dev.zeroclaw.transport.http.SseTransportProvider;

/** The built-in {@code sse} (legacy HTTP+SSE) transport. */
class SseTransportContractTest extends HttpFixtureContractTest {

    SseTransportContractTest() {
        super("sse", McpHttpFixture.Mode.LEGACY_SSE, "/sse");
    }

    @Override
    Class<?> providerClass() {
        return SseTransportProvider.class;
    }
}
