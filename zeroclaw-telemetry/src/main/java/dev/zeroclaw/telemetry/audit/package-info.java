/**
 * The audit log ({@code [mcp.audit]}): one JSON line per call and per reload, written by its own
 * thread to a size-rotated file. A call never waits for it: a full queue or a failing disk drops
 * the line and counts it.
 */
package dev.zeroclaw.telemetry.audit;
