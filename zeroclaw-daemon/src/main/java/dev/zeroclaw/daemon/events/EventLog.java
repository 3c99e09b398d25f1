package dev.zeroclaw.daemon.events;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.zeroclaw.daemon.follow.FollowQueue;
import dev.zeroclaw.daemon.follow.Following;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What happened to the fleet, for {@code zeroclaw events}: server state changes, reload reports,
 * list changes, gateway sessions opening and closing. Each event is one JSON object with
 * {@code time} and {@code type}. The last {@link #MAX_EVENTS} events (at most {@link #MAX_CHARS}
 * characters of JSON) are kept; followers get new ones through a {@link FollowQueue}, so that the
 * threads that report (a supervisor under its lock, a reader thread) never wait.
 *
 * <p>The kept events are guarded by {@code this}.
 */
public final class EventLog {

    public static final int MAX_EVENTS = 1_000;
    public static final int MAX_CHARS = 1024 * 1024;
    /** What one follower may have waiting before events are dropped for it. */
    public static final int FOLLOWER_EVENTS = 1_000;
    public static final int FOLLOWER_CHARS = 1024 * 1024;

    private record Kept(JsonNode event, int chars) {}

    private final Clock clock;
    private final Deque<Kept> kept = new ArrayDeque<>();
    private final List<FollowQueue<JsonNode>> followers = new CopyOnWriteArrayList<>();
    private long chars;

    public EventLog(Clock clock) {
        this.clock = requireNonNull(clock, "clock is null");
    }

    /** Records one event of {@code type} with {@code fields} (never a secret), stamped with the time now. */
    public void record(String type, ObjectNode fields) {
        requireNonNull(type, "type is null");
        requireNonNull(fields, "fields is null");
        ObjectNode event = head(type);
        event.setAll(fields);
        int size = event.toString().length();
        synchronized (this) {
            kept.addLast(new Kept(event, size));
            chars += size;
            while (kept.size() > MAX_EVENTS || (chars > MAX_CHARS && kept.size() > 1)) {
                chars -= kept.removeFirst().chars();
            }
            for (FollowQueue<JsonNode> follower : followers) {
                follower.offer(event, size);
            }
        }
    }

    /** The events kept, oldest first. */
    public synchronized List<JsonNode> recent() {
        return kept.stream().map(Kept::event).toList();
    }

    /** The events kept, then new ones as they come. */
    public synchronized Following<JsonNode> follow() {
        FollowQueue<JsonNode> live = new FollowQueue<>(FOLLOWER_EVENTS, FOLLOWER_CHARS,
                dropped -> head("dropped").put("count", dropped));
        followers.add(live);
        return new Following<>(recent(), live, () -> followers.remove(live));
    }

    private ObjectNode head(String type) {
        return JsonNodeFactory.instance.objectNode().put("time", clock.instant().toString()).put("type", type);
    }
}
