package dev.zeroclaw.telemetry;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zeroclaw.telemetry.audit.AuditCounters;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * What the audit log and the traces read from the running daemon.
 *
 * @param serviceVersion zeroclaw's version
 * @param configSha256 the SHA-256 of the configuration in force, at the moment of asking
 * @param secretValues every {@code env} and {@code headers} value of the configuration in force:
 *     never written, taken out of logged arguments
 * @param counters where the audit log counts its lines
 */
public record ObservabilitySources(String serviceVersion, ObjectMapper json, Supplier<Optional<String>> configSha256,
        Supplier<Set<String>> secretValues, AuditCounters counters) {

    public ObservabilitySources {
        requireNonNull(serviceVersion, "serviceVersion is null");
        requireNonNull(json, "json is null");
        requireNonNull(configSha256, "configSha256 is null");
        requireNonNull(secretValues, "secretValues is null");
        requireNonNull(counters, "counters is null");
    }
}
