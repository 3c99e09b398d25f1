package dev.zeroclaw.telemetry;

/**
 * Opens OpenTelemetry. Found with {@link java.util.ServiceLoader} only when {@code [mcp.telemetry]
 * enabled}, so that its implementation, and every OpenTelemetry class, loads only then.
 */
public interface TelemetryProvider {

    /**
     * Configured by the standard {@code OTEL_*} environment variables and system properties.
     *
     * @param serviceVersion zeroclaw's version, for the {@code service.version} resource attribute
     */
    Telemetry open(String serviceVersion);
}
