package dev.zeroclaw.daemon.logs;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.OptionalLong;

/** A new instance of a server started: the marker {@code zeroclaw logs} prints before its lines. */
public record InstanceStart(String server, long instance, OptionalLong pid, Instant time) implements LogEntry {

    public InstanceStart {
        requireNonNull(server, "server is null");
        requireNonNull(pid, "pid is null");
        requireNonNull(time, "time is null");
    }

    @Override
    public ObjectNode json() {
        return EntryJson.of(time, "instance_started", server, instance, pid);
    }

    @Override
    public int weight() {
        return 64;
    }
}
