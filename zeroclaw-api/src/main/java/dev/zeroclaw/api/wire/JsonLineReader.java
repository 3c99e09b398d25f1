package dev.zeroclaw.api.wire;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.util.Arrays;
import java.util.Optional;

/**
 * Splits a byte stream into JSON-RPC messages framed as MCP's stdio transport frames them: one
 * UTF-8 JSON text per line, lines ended by LF (a CR before it is dropped), blank lines skipped.
 *
 * <p>Bounded: it holds at most {@code maxLineBytes} of a line plus one read buffer, whatever the
 * peer sends. A line longer than the bound, or one that is not well-formed UTF-8, is a
 * {@link MalformedFrameException}; the reader can go on afterwards with the line after it (the rest
 * of a long line is read and dropped, never held). A last line without its LF is handed over too:
 * a peer that writes one message and exits has said it whole.
 *
 * <p>One reader per stream, used by one thread. An {@link IOException} from the stream leaves the
 * reader as it was: a caller whose stream has nothing yet may throw one and call {@link #next}
 * again once it has more.
 */
public final class JsonLineReader {

    private static final int CHUNK_BYTES = 64 * 1024;
    private static final int INITIAL_LINE_BYTES = 4 * 1024;

    private final InputStream in;
    private final int maxLineBytes;
    private final CharsetDecoder decoder = UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private final byte[] chunk;
    private int position;
    private int limit;
    private byte[] line;
    private int length;
    // Set after a line over the bound: its rest, up to the next LF, is dropped.
    private boolean skipping;
    private boolean ended;

    /**
     * @param in the stream, read as it arrives; not closed by this reader
     * @param maxLineBytes the longest line accepted, in bytes, without its line end
     */
    public JsonLineReader(InputStream in, int maxLineBytes) {
        this(in, maxLineBytes, CHUNK_BYTES);
    }

    /**
     * @param chunkBytes the most read from {@code in} at once: small for a reader that lives long
     *     and is fed little at a time (one per server, fed from a buffer that already holds the bytes)
     */
    public JsonLineReader(InputStream in, int maxLineBytes, int chunkBytes) {
        this.in = requireNonNull(in, "in is null");
        if (maxLineBytes < 1) {
            throw new IllegalArgumentException("maxLineBytes must be positive: " + maxLineBytes);
        }
        if (chunkBytes < 1) {
            throw new IllegalArgumentException("chunkBytes must be positive: " + chunkBytes);
        }
        this.maxLineBytes = maxLineBytes;
        this.chunk = new byte[chunkBytes];
        this.line = new byte[Math.min(INITIAL_LINE_BYTES, maxLineBytes)];
    }

    /**
     * The next line that is not blank, without its line end; empty at the end of the stream.
     *
     * @throws MalformedFrameException when the line is longer than the bound or not UTF-8; the
     *     next call goes on with the line after it
     * @throws IOException when reading the stream fails
     */
    public Optional<String> next() throws IOException {
        while (true) {
            if (!readLine()) {
                return Optional.empty();
            }
            int end = length > 0 && line[length - 1] == '\r' ? length - 1 : length;
            String text = decode(end);
            length = 0;
            if (line.length > CHUNK_BYTES) {
                // One huge message should not pin its buffer for the rest of the stream's life.
                line = new byte[Math.min(INITIAL_LINE_BYTES, maxLineBytes)];
            }
            if (!text.isBlank()) {
                return Optional.of(text);
            }
        }
    }

    /** Fills {@link #line} up to a LF or the end of the stream; false when no line is left. */
    private boolean readLine() throws IOException {
        while (true) {
            if (position == limit) {
                if (ended) {
                    return false;
                }
                int read = in.read(chunk, 0, chunk.length);
                if (read < 0) {
                    ended = true;
                    boolean last = length > 0 && !skipping;
                    skipping = false;
                    return last;
                }
                position = 0;
                limit = read;
                continue;
            }
            int newline = indexOfNewline();
            int count = (newline < 0 ? limit : newline) - position;
            if (skipping) {
                position += count;
            } else {
                append(count);
            }
            if (newline >= 0) {
                position = newline + 1;
                if (skipping) {
                    skipping = false;
                    continue;
                }
                return true;
            }
        }
    }

    private int indexOfNewline() {
        for (int i = position; i < limit; i++) {
            if (chunk[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private void append(int count) throws MalformedFrameException {
        if (count == 0) {
            return;
        }
        // A CR that ends the line does not count against the bound.
        int allowed = maxLineBytes + 1 - length;
        if (count > allowed || (count == allowed && chunk[position + count - 1] != '\r')) {
            position += count;
            length = 0;
            skipping = true;
            throw MalformedFrameException.tooLong("a line", maxLineBytes, "bytes");
        }
        if (length + count > line.length) {
            line = Arrays.copyOf(line, (int) Math.min(maxLineBytes + 1L, Math.max(length + count, 2L * line.length)));
        }
        System.arraycopy(chunk, position, line, length, count);
        length += count;
        position += count;
    }

    private String decode(int end) throws MalformedFrameException {
        ByteBuffer bytes = ByteBuffer.wrap(line, 0, end);
        // UTF-8 never needs more UTF-16 chars than bytes.
        CharBuffer chars = CharBuffer.allocate(end);
        CoderResult result = decoder.reset().decode(bytes, chars, true);
        if (result.isError()) {
            length = 0;
            throw MalformedFrameException.notUtf8("a line", bytes.position());
        }
        decoder.flush(chars);
        return chars.flip().toString();
    }
}
