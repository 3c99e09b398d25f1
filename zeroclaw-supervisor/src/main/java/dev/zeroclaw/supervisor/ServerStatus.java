package dev.zeroclaw.supervisor;

import static java.util.Objects.requireNonNull;

import java.util.OptionalLong;

/**
 * One server as {@code zeroclaw status} shows it. Holds no secret.
 *
 * @param name the configured name
 * @param transport the transport provider's name
 * @param state the current state
 * @param pid the process id of the serving instance, when it has one
 * @param uptimeMs time since the serving instance became READY, 0 when none serves
 * @param restarts starts after a crash (or a failed start), the backoff's restarts
 * @param replacements new instances a reload (or another change of the configuration) asked for
 * @param tools the tools the serving instance offers, 0 when none serves
 * @param lastError the last failure in one line, or null
 * @param nextStartInMs in BACKOFF: the time until the next start attempt; empty in every other state
 */
public record ServerStatus(
        String name,
        String transport,
        ServerState state,
        OptionalLong pid,
        long uptimeMs,
        int restarts,
        int replacements,
        int tools,
        String lastError,
        OptionalLong nextStartInMs) {

    public ServerStatus {
        requireNonNull(name, "name is null");
        requireNonNull(transport, "transport is null");
        requireNonNull(state, "state is null");
        requireNonNull(pid, "pid is null");
        requireNonNull(nextStartInMs, "nextStartInMs is null");
    }
}
