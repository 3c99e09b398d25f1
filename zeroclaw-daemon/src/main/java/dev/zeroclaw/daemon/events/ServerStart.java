package dev.zeroclaw.daemon.events;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.OptionalLong;

/**
 * One start of a server, for {@code zeroclaw status <server>}.
 *
 * @param instance the instance's number (1 for the server's first start, as {@code zeroclaw logs} counts)
 * @param pid its process id, empty for a server without a process
 * @param reason why it started: {@code first start}, {@code added by reload},
 *     {@code reload restart: <fields>}, {@code crash: <last error>},
 *     {@code restart after FAILED by reload: <fields>}; never a config value
 */
public record ServerStart(Instant time, long instance, OptionalLong pid, String reason) {

    public ServerStart {
        requireNonNull(time, "time is null");
        requireNonNull(pid, "pid is null");
        requireNonNull(reason, "reason is null");
    }
}
