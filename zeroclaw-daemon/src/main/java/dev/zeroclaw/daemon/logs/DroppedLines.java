package dev.zeroclaw.daemon.logs;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/** Lines a follower did not get because it read more slowly than the server wrote. */
public record DroppedLines(long count, Instant time) implements LogEntry {

    public DroppedLines {
        requireNonNull(time, "time is null");
    }

    @Override
    public ObjectNode json() {
        return JsonNodeFactory.instance.objectNode()
                .put("time", time.toString())
                .put("type", "dropped")
                .put("count", count);
    }

    @Override
    public int weight() {
        return 64;
    }
}
