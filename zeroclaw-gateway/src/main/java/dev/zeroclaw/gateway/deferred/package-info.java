/**
 * Deferred loading ({@code [mcp] deferred_loading}, upstream ZeroClaw's key): a deferred session's
 * {@code tools/list} holds {@code tool_search} and {@code tool_call} only, so an agent pays in its
 * context for the tools it looks up, not for every tool of every server. Searching reads the live
 * union of the servers' lists each time; calling goes through the same call routing as a direct
 * {@code tools/call}. Also the size of each server's tool definitions, for {@code status}.
 */
package dev.zeroclaw.gateway.deferred;
