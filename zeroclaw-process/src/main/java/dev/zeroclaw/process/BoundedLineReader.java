package dev.zeroclaw.process;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Splits a byte stream into {@code \n}-terminated lines, holding at most {@code maxLineBytes} of
 * any one line: it reads fixed-size chunks, and bytes of a line past the cap are counted and
 * dropped, never buffered. A child that writes a line without end costs one chunk plus the cap.
 *
 * <p>For diagnostics (a server's stderr), where a long line is cut and kept, and bytes are
 * whatever the server wrote. JSON-RPC messages are read with the API's
 * {@link dev.zeroclaw.api.wire.JsonLineReader}, which refuses a long or non-UTF-8 line instead.
 *
 * <p>Used by one thread at a time (the thread that reads the stream).
 */
final class BoundedLineReader {

    /** Receives what the reader finds. Called on the reading thread. */
    interface Sink {

        /**
         * One line without its {@code \n}: {@code bytes[0..length)}. {@code bytesCut} is how many
         * bytes past the cap were dropped, 0 for a whole line. {@code bytes} is reused afterwards.
         */
        void line(byte[] bytes, int length, long bytesCut);
    }

    static final int CHUNK_BYTES = 64 * 1024;
    private static final int INITIAL_LINE_BYTES = 4 * 1024;

    private final InputStream in;
    private final int maxLineBytes;
    private final Sink sink;

    // All fields below: confined to the reading thread (run()); peakLineBytes is read after run() returns.
    private byte[] line;
    private int length;
    private long bytesCut;
    private int peakLineBytes;

    BoundedLineReader(InputStream in, int maxLineBytes, Sink sink) {
        this.in = requireNonNull(in, "in is null");
        this.maxLineBytes = checkedMax(maxLineBytes);
        this.sink = requireNonNull(sink, "sink is null");
        this.line = new byte[initialLineBytes()];
        this.peakLineBytes = line.length;
    }

    /** For a caller that reads the stream itself and hands it over with {@link #feed} and {@link #finish}. */
    BoundedLineReader(int maxLineBytes, Sink sink) {
        this(InputStream.nullInputStream(), maxLineBytes, sink);
    }

    private static int checkedMax(int maxLineBytes) {
        if (maxLineBytes <= 0) {
            throw new IllegalArgumentException("maxLineBytes must be positive: " + maxLineBytes);
        }
        return maxLineBytes;
    }

    /** Reads to the end of the stream; a last line without {@code \n} is handed over too. */
    void run() throws IOException {
        byte[] chunk = new byte[CHUNK_BYTES];
        int read;
        while ((read = in.read(chunk, 0, chunk.length)) != -1) {
            feed(chunk, read);
        }
        finish();
    }

    /** Takes {@code chunk[0..count)} as the next bytes of the stream: for a caller that reads it itself. */
    void feed(byte[] chunk, int count) {
        int start = 0;
        for (int i = 0; i < count; i++) {
            if (chunk[i] == '\n') {
                append(chunk, start, i - start);
                endLine();
                start = i + 1;
            }
        }
        append(chunk, start, count - start);
    }

    /** The stream has ended: hands over a last line without {@code \n}. */
    void finish() {
        if (length > 0 || bytesCut > 0) {
            endLine();
        }
    }

    /** The largest line buffer this reader held: at most the cap. For tests. */
    int peakLineBytes() {
        return peakLineBytes;
    }

    private void append(byte[] chunk, int offset, int count) {
        if (count == 0) {
            return;
        }
        int kept = Math.min(count, maxLineBytes - length);
        if (kept > 0) {
            ensureCapacity(length + kept);
            System.arraycopy(chunk, offset, line, length, kept);
            length += kept;
        }
        bytesCut += count - kept;
    }

    private void endLine() {
        sink.line(line, length, bytesCut);
        length = 0;
        bytesCut = 0;
        if (line.length > CHUNK_BYTES) {
            // One huge message should not pin its buffer for the rest of the server's life.
            line = new byte[initialLineBytes()];
        }
    }

    private int initialLineBytes() {
        return Math.min(INITIAL_LINE_BYTES, maxLineBytes);
    }

    private void ensureCapacity(int needed) {
        if (needed <= line.length) {
            return;
        }
        int grown = (int) Math.min(maxLineBytes, Math.max(needed, 2L * line.length));
        line = Arrays.copyOf(line, grown);
        peakLineBytes = Math.max(peakLineBytes, grown);
    }
}
