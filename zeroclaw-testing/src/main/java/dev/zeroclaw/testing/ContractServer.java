package dev.zeroclaw.testing;

import dev.zeroclaw.api.ServerSpec;
import dev.zeroclaw.api.transport.Transport;

/**
 * A live server for one {@link TransportContractTest}: how the transport reaches (or launches)
 * it, and how the test makes it go away.
 */
public interface ContractServer extends AutoCloseable {

    /**
     * The entry of a server the transport can start against now. The contract test adds
     * {@code env} and {@code headers} with secret values to it; keep what it already has.
     */
    ServerSpec spec();

    /**
     * The server ends now, as a crash would end it: a process is killed, a listening socket is
     * closed, an HTTP server stops. {@code transport} is the started transport to it, for its
     * {@link Transport#pid()}.
     */
    void goAway(Transport transport) throws Exception;

    /** Frees what the server holds; called after each test. */
    @Override
    void close() throws Exception;
}
