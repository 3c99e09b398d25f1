package dev.zeroclaw.telemetry;

import dev.zeroclaw.gateway.observe.RequestObserver;

/** Traces and metrics of the gateway's requests and of the reloads; closing flushes what is pending. */
public interface Telemetry extends AutoCloseable {

    RequestObserver requests();

    ReloadObserver reloads();

    /** A server entered {@code state} (READY, BACKOFF, ...): counted per server and state. */
    void stateChanged(String server, String state);

    @Override
    void close();
}
