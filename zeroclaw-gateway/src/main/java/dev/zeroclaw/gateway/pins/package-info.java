/**
 * Pinned tool definitions ({@code pin_tools}): each server's tools are hashed the first time it is
 * READY and kept in the state directory; a later change is logged, shown in {@code status}, and with
 * {@code block} withheld from clients until an operator approves it. Uses nothing else of the gateway.
 */
package dev.zeroclaw.gateway.pins;
