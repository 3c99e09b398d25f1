package dev.zeroclaw.daemon.follow;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * One follower's view: what was kept when it came ({@code backlog}), then what comes live, with
 * nothing missed or repeated in between. Closing it unsubscribes.
 *
 * @param backlog the kept items, oldest first
 * @param live the items that came after the backlog
 * @param unsubscribe takes {@code live} off its producer
 */
public record Following<T>(List<T> backlog, FollowQueue<T> live, Runnable unsubscribe) implements AutoCloseable {

    public Following {
        backlog = List.copyOf(backlog);
        requireNonNull(live, "live is null");
        requireNonNull(unsubscribe, "unsubscribe is null");
    }

    @Override
    public void close() {
        live.close();
        unsubscribe.run();
    }
}
