package dev.zeroclaw.gateway.routing;

import dev.zeroclaw.mcp.McpError;
import dev.zeroclaw.supervisor.ServerState;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Calls that arrive while their server is between instances (a stop-first restart, a start) wait
 * here for it to be READY instead of failing at once; the caller bounds the wait. A server that
 * ends up STOPPED (removed), BACKOFF (its start failed) or FAILED fails its waiters with why.
 *
 * <p>The map is guarded by {@code this}; futures complete outside the lock.
 */
public final class ReadyWaiters {

    private final Map<String, List<CompletableFuture<Void>>> waiting = new HashMap<>();

    public ReadyWaiters() {}

    /** Whether a call to a server in {@code state} should wait for it rather than fail. */
    static boolean worthWaiting(ServerState state) {
        // READY without a serving instance is the moment of a swap. BACKOFF is not worth it: the
        // next attempt may be a minute away, and may fail again.
        return state == ServerState.STARTING || state == ServerState.STOPPING || state == ServerState.READY;
    }

    /** Completes when {@code server} next becomes READY; the caller adds the time bound. */
    synchronized CompletableFuture<Void> await(String server) {
        CompletableFuture<Void> ready = new CompletableFuture<>();
        waiting.computeIfAbsent(server, name -> new ArrayList<>()).add(ready);
        // A waiter that timed out leaves; the list must not grow with them.
        ready.whenComplete((done, failure) -> forget(server, ready));
        return ready;
    }

    /** A server changed state: READY releases its waiters, STOPPED, BACKOFF or FAILED fails them. */
    public void changed(String server, ServerState state) {
        if (state != ServerState.READY && state != ServerState.STOPPED && state != ServerState.BACKOFF
                && state != ServerState.FAILED && state != ServerState.NEEDS_AUTH) {
            return;
        }
        List<CompletableFuture<Void>> released;
        synchronized (this) {
            released = waiting.remove(server);
        }
        if (released == null) {
            return;
        }
        McpError why = new McpError(McpError.INTERNAL_ERROR, "server '" + server + "' is " + state
                + (state == ServerState.STOPPED ? " (was it removed by a reload?)" : ""));
        for (CompletableFuture<Void> ready : released) {
            if (state == ServerState.READY) {
                ready.complete(null);
            } else {
                ready.completeExceptionally(why);
            }
        }
    }

    private synchronized void forget(String server, CompletableFuture<Void> ready) {
        List<CompletableFuture<Void>> list = waiting.get(server);
        if (list != null) {
            list.remove(ready);
            if (list.isEmpty()) {
                waiting.remove(server);
            }
        }
    }
}
