/**
 * Stream framing for transports, JDK only: newline-delimited JSON-RPC
 * ({@link dev.zeroclaw.api.wire.JsonLineReader}), server-sent events
 * ({@link dev.zeroclaw.api.wire.SseEventReader}), and the one error both report a broken frame with
 * ({@link dev.zeroclaw.api.wire.MalformedFrameException}). The built-in transports,
 * {@code zeroclaw connect} and plugins share them, so a frame is read, bounded and refused the same
 * way everywhere. Part of the SPI: types here grow only compatibly.
 */
package dev.zeroclaw.api.wire;
