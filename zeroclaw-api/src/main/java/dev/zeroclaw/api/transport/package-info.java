/**
 * The transport SPI: how zeroclaw moves JSON-RPC messages to and from one MCP server.
 *
 * <p>A plugin implements {@link dev.zeroclaw.api.transport.TransportProvider} and registers it in
 * {@code META-INF/services/dev.zeroclaw.api.transport.TransportProvider}; the daemon finds it with
 * {@link java.util.ServiceLoader}. The built-in {@code stdio} transport is registered the same way.
 *
 * <p>A transport never parses MCP: it moves whole messages. Ids, {@code initialize}, timeouts and
 * routing live above it, in the daemon. Compatibility: types here grow only by new {@code default}
 * methods, so a plugin compiled against an older zeroclaw-api keeps working.
 */
package dev.zeroclaw.api.transport;
