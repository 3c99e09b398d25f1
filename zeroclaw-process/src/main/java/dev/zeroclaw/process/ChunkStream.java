package dev.zeroclaw.process;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The bytes the event loop has read from a pipe, as a stream for
 * {@link dev.zeroclaw.api.wire.JsonLineReader}: when nothing more has arrived it throws
 * {@link NothingYet} rather than block, and the reader, whose state is all in its fields, is called
 * again once more has. Confined to the loop's thread.
 */
final class ChunkStream extends InputStream {

    /** Nothing more has arrived yet; thrown without a stack trace, as a signal. */
    static final class NothingYet extends IOException {
        private static final long serialVersionUID = 1L;

        NothingYet() {
            super("no more bytes yet", null);
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this;
        }
    }

    private static final NothingYet NOTHING_YET = new NothingYet();

    private final Deque<byte[]> chunks = new ArrayDeque<>();
    private int offset;
    private boolean ended;

    void add(byte[] chunk) {
        if (chunk.length > 0) {
            chunks.addLast(chunk);
        }
    }

    /** No more bytes will come: reads return -1 once the rest is read. */
    void end() {
        ended = true;
    }

    /** Drops what arrived and is not read yet. */
    void clear() {
        chunks.clear();
        offset = 0;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] into, int at, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        byte[] head = chunks.peekFirst();
        if (head == null) {
            if (ended) {
                return -1;
            }
            throw NOTHING_YET;
        }
        int count = Math.min(length, head.length - offset);
        System.arraycopy(head, offset, into, at, count);
        offset += count;
        if (offset == head.length) {
            chunks.removeFirst();
            offset = 0;
        }
        return count;
    }
}
