/**
 * What one client sees: the whole gateway at {@code /mcp}, or a bundle's view at
 * {@code /mcp/<alias>} (its servers less its {@code exclude}, then its {@code tools} patterns),
 * read from the live configuration at each request. Uses {@code session}.
 */
package dev.zeroclaw.gateway.view;
