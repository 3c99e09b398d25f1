package dev.zeroclaw.process;

/** {@link StdioTransportTest}'s contract, with a thread per stream: the fallback where the event loop is not available. */
class StdioTransportThreadsTest extends StdioTransportTest {

    @Override
    ProcessIo io() {
        return Fixtures.THREADS;
    }
}
