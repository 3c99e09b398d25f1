/** Counters behind {@code /metrics} and {@code zeroclaw status}: calls per server, latency, reloads. Uses nothing of the gateway. */
package dev.zeroclaw.gateway.metrics;
