/**
 * What the daemon tells an operator beyond its log: {@link dev.zeroclaw.telemetry.Observability}
 * opens the audit log and, when {@code [mcp.telemetry] enabled}, OpenTelemetry, whose code sits in
 * {@code dev.zeroclaw.telemetry.otel} and is found through {@link dev.zeroclaw.telemetry.TelemetryProvider}
 * only then: with telemetry off, no OpenTelemetry class is loaded.
 */
package dev.zeroclaw.telemetry;
