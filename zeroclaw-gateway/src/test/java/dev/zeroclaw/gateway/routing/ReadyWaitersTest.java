package dev.zeroclaw.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zeroclaw.supervisor.ServerState;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

class ReadyWaitersTest {

    private final ReadyWaiters waiters = new ReadyWaiters();

    @Test
    void readyReleasesOnlyThatServersWaiters() {
        CompletableFuture<Void> a = waiters.await("a");
        CompletableFuture<Void> b = waiters.await("b");
        waiters.changed("a", ServerState.STARTING);
        assertThat(a).isNotDone();
        waiters.changed("a", ServerState.READY);
        assertThat(a).isCompleted();
        assertThat(b).isNotDone();
    }

    @Test
    void removalAndFailureFailTheWaitersWithTheState() {
        CompletableFuture<Void> removed = waiters.await("gone");
        CompletableFuture<Void> failed = waiters.await("broken");
        waiters.changed("gone", ServerState.STOPPED);
        waiters.changed("broken", ServerState.FAILED);
        assertThatThrownBy(removed::get).isInstanceOf(ExecutionException.class).hasMessageContaining("'gone' is STOPPED")
                .hasMessageContaining("removed by a reload");
        assertThatThrownBy(failed::get).hasMessageContaining("'broken' is FAILED");
    }

    @Test
    void aWaiterThatTimedOutIsForgotten() throws Exception {
        CompletableFuture<Void> late = waiters.await("slow").orTimeout(1, TimeUnit.MILLISECONDS);
        assertThatThrownBy(late::get).hasCauseInstanceOf(TimeoutException.class);
        CompletableFuture<Void> next = waiters.await("slow");
        waiters.changed("slow", ServerState.READY);
        assertThat(next).isCompleted();
    }

    @Test
    void onlyServersBetweenInstancesAreWaitedFor() {
        assertThat(ReadyWaiters.worthWaiting(ServerState.STARTING)).isTrue();
        assertThat(ReadyWaiters.worthWaiting(ServerState.STOPPING)).isTrue();
        assertThat(ReadyWaiters.worthWaiting(ServerState.BACKOFF)).isFalse();
        assertThat(ReadyWaiters.worthWaiting(ServerState.FAILED)).isFalse();
        assertThat(ReadyWaiters.worthWaiting(ServerState.STOPPED)).isFalse();
    }
}
