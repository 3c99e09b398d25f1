package dev.zeroclaw.telemetry;

import static java.util.Objects.requireNonNull;

import dev.zeroclaw.diff.ReloadPlan;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * How a reload ended, as its report says it.
 *
 * @param result {@code applied}, {@code partial} (some servers failed) or {@code invalid} (nothing touched)
 * @param peerUid the uid of the control socket's peer that asked, when known
 * @param configSha256 the SHA-256 of the file read, absent when it could not be read
 * @param plan what was applied (empty when nothing was)
 * @param failed the servers that did not reach their planned state, with why
 * @param errors why the file was refused (file:line:column messages)
 */
public record ReloadOutcome(long id, String trigger, OptionalLong peerUid, String result, Optional<String> configSha256,
        double durationMs, ReloadPlan plan, Map<String, String> failed, List<String> errors) {

    public ReloadOutcome {
        requireNonNull(trigger, "trigger is null");
        requireNonNull(peerUid, "peerUid is null");
        requireNonNull(result, "result is null");
        requireNonNull(configSha256, "configSha256 is null");
        requireNonNull(plan, "plan is null");
        failed = Map.copyOf(failed);
        errors = List.copyOf(errors);
    }
}
