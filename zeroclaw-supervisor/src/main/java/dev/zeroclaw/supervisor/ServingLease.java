package dev.zeroclaw.supervisor;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.zeroclaw.mcp.Handshake;
import dev.zeroclaw.mcp.McpSession;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The right to send one call to a server's serving instance. While a lease is open, a start-first
 * replacement keeps the old instance running (up to its tool timeout) so the call finishes where it
 * began; close the lease when the call is over.
 */
public final class ServingLease implements AutoCloseable {

    private final String server;
    private final ServerInstance instance;
    private final int toolTimeoutSecs;
    private final AtomicBoolean closed = new AtomicBoolean();

    ServingLease(String server, ServerInstance instance, int toolTimeoutSecs) {
        this.server = requireNonNull(server, "server is null");
        this.instance = requireNonNull(instance, "instance is null");
        this.toolTimeoutSecs = toolTimeoutSecs;
    }

    public String server() {
        return server;
    }

    /** The instance's number; a new instance of the same server has a larger one. */
    public long instance() {
        return instance.number();
    }

    public McpSession session() {
        return instance.session();
    }

    /** The instance's capabilities from its {@code initialize} answer. */
    public JsonNode capabilities() {
        Handshake handshake = instance.handshake();
        return handshake == null ? MissingNode.getInstance() : handshake.capabilities();
    }

    /** The server's {@code tool_timeout_secs} when the lease was taken (a reload may change it live). */
    public int toolTimeoutSecs() {
        return toolTimeoutSecs;
    }

    /** Ends the call; idempotent. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            instance.callFinished();
        }
    }
}
