package dev.zeroclaw.telemetry.otel;

import dev.zeroclaw.telemetry.Telemetry;
import dev.zeroclaw.telemetry.TelemetryProvider;

/** The {@link TelemetryProvider} of {@code META-INF/services}: OpenTelemetry's SDK, configured by {@code OTEL_*}. */
public final class OtelTelemetryProvider implements TelemetryProvider {

    public OtelTelemetryProvider() {}

    @Override
    public Telemetry open(String serviceVersion) {
        return OtelTelemetry.autoConfigured(serviceVersion);
    }
}
