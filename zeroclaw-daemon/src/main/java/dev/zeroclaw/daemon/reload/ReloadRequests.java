package dev.zeroclaw.daemon.reload;

import java.util.concurrent.CompletableFuture;

/** Where a trigger (SIGHUP, {@code zeroclaw reload}, the file watcher) asks for a reload. */
@FunctionalInterface
public interface ReloadRequests {

    /**
     * Never blocks: safe from a signal handler's thread. The future completes with the report of
     * a reload that began after this request, or fails when the daemon is stopping.
     */
    CompletableFuture<ReloadReport> request(String trigger);
}
