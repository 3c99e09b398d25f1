package dev.zeroclaw.testing;

import dev.zeroclaw.transport.http.HttpTransportProvider;
import dev.zeroclaw.transport.http.McpHttpFixture;

/** The built-in {@code http} (Streamable HTTP) transport, answers as event streams. */
class HttpTransportContractTest extends HttpFixtureContractTest {

    HttpTransportContractTest() {
        super("http", McpHttpFixture.Mode.STREAMABLE_SSE, "/mcp");
    }

    @Override
    Class<?> providerClass() {
        return HttpTransportProvider.class;
    }
}
