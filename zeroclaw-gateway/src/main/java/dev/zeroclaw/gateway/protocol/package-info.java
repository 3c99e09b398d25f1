/**
 * The MCP server the gateway is: the {@code initialize} handshake and the dispatch of each client
 * method to the package that does it. Uses every package but {@code http}.
 */
package dev.zeroclaw.gateway.protocol;
