/**
 * The HTTP surface (Jetty 12): MCP Streamable HTTP at {@code /mcp}, {@code /healthz},
 * {@code /metrics}, the bearer token and the DNS-rebinding rule. The top of the gateway: nothing
 * else uses it.
 */
package dev.zeroclaw.gateway.http;
