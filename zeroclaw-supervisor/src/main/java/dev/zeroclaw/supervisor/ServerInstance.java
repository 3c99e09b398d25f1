package dev.zeroclaw.supervisor;

import static java.util.Objects.requireNonNull;

import dev.zeroclaw.api.ServerSpec;
import dev.zeroclaw.api.transport.RequestAuthorization;
import dev.zeroclaw.api.transport.Transport;
import dev.zeroclaw.mcp.Handshake;
import dev.zeroclaw.mcp.McpSession;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One launch of a server: its transport and MCP session. A restart makes a new instance; during a
 * start-first restart two instances of one server exist.
 */
final class ServerInstance {

    private final ServerSpec spec;
    private final long number;
    private final Transport transport;
    private final McpSession session;
    private final RequestAuthorization authorization;
    // Written once by the supervisor under its lock; read by status.
    private volatile Handshake handshake;
    private volatile long readyAtNanos;
    // Calls the gateway routed here and that have not finished; see drain().
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile boolean draining;
    private final CompletableFuture<Void> drained = new CompletableFuture<>();

    ServerInstance(ServerSpec spec, long number, Transport transport, McpSession session, RequestAuthorization authorization) {
        this.spec = requireNonNull(spec, "spec is null");
        this.number = number;
        this.transport = requireNonNull(transport, "transport is null");
        this.session = requireNonNull(session, "session is null");
        this.authorization = requireNonNull(authorization, "authorization is null");
    }

    /** What the instance's transport was given to authorize its requests (MCP authorization). */
    RequestAuthorization authorization() {
        return authorization;
    }

    ServerSpec spec() {
        return spec;
    }

    long number() {
        return number;
    }

    McpSession session() {
        return session;
    }

    OptionalLong pid() {
        return transport.pid();
    }

    void ready(Handshake handshake, long nanos) {
        this.handshake = handshake;
        this.readyAtNanos = nanos;
    }

    /** What the instance said while becoming READY; null before. */
    Handshake handshake() {
        return handshake;
    }

    int tools() {
        Handshake known = handshake;
        return known == null ? 0 : known.tools().size();
    }

    long uptimeMs(long nowNanos) {
        return handshake == null ? 0 : Duration.ofNanos(nowNanos - readyAtNanos).toMillis();
    }

    /** One more call in flight; the supervisor calls this under its lock, only for the serving instance. */
    void callStarted() {
        inFlight.incrementAndGet();
    }

    void callFinished() {
        if (inFlight.decrementAndGet() == 0 && draining) {
            drained.complete(null);
        }
    }

    int callsInFlight() {
        return inFlight.get();
    }

    /**
     * Completes once no call is in flight, or after {@code bound}, whichever is first. The
     * instance no longer serves, so no call starts here any more.
     */
    CompletableFuture<Void> drain(Duration bound) {
        draining = true;
        if (inFlight.get() == 0) {
            drained.complete(null);
        }
        return drained.copy().completeOnTimeout(null, bound.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The stop sequence, each step bounded by {@code stopTimeout}. Blocks; never throws. */
    void close(Duration stopTimeout) {
        session.close(stopTimeout);
    }
}
