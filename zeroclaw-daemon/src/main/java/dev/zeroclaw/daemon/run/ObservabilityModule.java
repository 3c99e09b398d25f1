package dev.zeroclaw.daemon.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.inject.Binder;
import com.google.inject.Module;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import dev.zeroclaw.api.ServerSpec;
import dev.zeroclaw.api.ZeroclawVersion;
import dev.zeroclaw.daemon.config.AppliedConfig;
import dev.zeroclaw.daemon.config.ConfigSnapshot;
import dev.zeroclaw.gateway.metrics.GatewayMetrics;
import dev.zeroclaw.telemetry.Observability;
import dev.zeroclaw.telemetry.ObservabilitySources;
import dev.zeroclaw.telemetry.audit.AuditCounters;
import java.util.HashSet;
import java.util.Set;

/**
 * The audit log and OpenTelemetry ({@code [mcp.audit]}, {@code [mcp.telemetry]}): built here,
 * opened by the daemon once it has read its configuration.
 */
public final class ObservabilityModule implements Module {

    @Override
    public void configure(Binder binder) {}

    @Provides
    @Singleton
    Observability observability(AppliedConfig applied, GatewayMetrics metrics, ObjectMapper json) {
        return new Observability(new ObservabilitySources(ZeroclawVersion.current(), json,
                () -> applied.current().map(ConfigSnapshot::sha256),
                () -> applied.current().map(snapshot -> secretValues(snapshot)).orElse(Set.of()),
                new AuditCounters() {
                    @Override
                    public void written() {
                        metrics.auditWritten();
                    }

                    @Override
                    public void dropped() {
                        metrics.auditDropped();
                    }
                }));
    }

    /** Every {@code env} and {@code headers} value of the configuration in force (resolved secrets included). */
    private static Set<String> secretValues(ConfigSnapshot snapshot) {
        Set<String> values = new HashSet<>();
        for (ServerSpec server : snapshot.config().servers()) {
            values.addAll(server.env().values());
            values.addAll(server.headers().values());
        }
        return values;
    }
}
