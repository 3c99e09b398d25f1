package dev.zeroclaw.daemon.reload;

import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;

/** Where a trigger (SIGHUP, {@code zeroclaw reload}, the file watcher) asks for a reload. */
@FunctionalInterface
public interface ReloadRequests {

    /**
     * Never blocks: safe from a signal handler's thread. The future completes with the report of
     * a reload that began after this request, or fails when the daemon is stopping.
     */
    CompletableFuture<ReloadReport> request(String trigger);

    /**
     * As {@link #request(String)}, by a client of the control socket whose uid is {@code peerUid}
     * (for the audit log); a trigger with no peer passes an empty one.
     */
    default CompletableFuture<ReloadReport> request(String trigger, OptionalLong peerUid) {
        return request(trigger);
    }
}
