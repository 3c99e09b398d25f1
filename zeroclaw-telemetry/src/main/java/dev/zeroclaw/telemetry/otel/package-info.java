/**
 * OpenTelemetry's side of {@code dev.zeroclaw.telemetry}: the only package that uses its classes,
 * found through {@code META-INF/services} when {@code [mcp.telemetry] enabled} and never loaded
 * otherwise. Names follow the OpenTelemetry semantic conventions for MCP.
 */
package dev.zeroclaw.telemetry.otel;
