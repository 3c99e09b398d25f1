/**
 * What the gateway keeps per client: its session ({@code Mcp-Session-Id}), its notification
 * stream, and the response of each call in flight. The lowest of the gateway's packages: the
 * relay, routing and lists send to clients through it, and it knows none of them.
 */
package dev.zeroclaw.gateway.session;
