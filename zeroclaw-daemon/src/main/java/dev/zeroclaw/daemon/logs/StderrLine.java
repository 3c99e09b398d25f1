package dev.zeroclaw.daemon.logs;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.OptionalLong;

/**
 * One line of a server's stderr, as the server wrote it (cut at 8 KiB by the relay).
 *
 * @param instance the instance's number (1 for the first start, counting restarts and replacements)
 * @param pid the instance's process id, empty for a server without a process
 */
public record StderrLine(String server, long instance, OptionalLong pid, Instant time, String line) implements LogEntry {

    public StderrLine {
        requireNonNull(server, "server is null");
        requireNonNull(pid, "pid is null");
        requireNonNull(time, "time is null");
        requireNonNull(line, "line is null");
    }

    @Override
    public ObjectNode json() {
        return EntryJson.of(time, "stderr", server, instance, pid).put("line", line);
    }

    @Override
    public int weight() {
        return line.length() + 64;
    }
}
