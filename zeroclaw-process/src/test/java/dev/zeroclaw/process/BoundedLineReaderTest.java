package dev.zeroclaw.process;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BoundedLineReaderTest {

    /** Records lines as {@code text} or {@code text+cut}. */
    private static final class Recorder implements BoundedLineReader.Sink {
        final List<String> lines = new ArrayList<>();

        @Override
        public void line(byte[] bytes, int length, long bytesCut) {
            lines.add(new String(bytes, 0, length, UTF_8) + (bytesCut == 0 ? "" : "+" + bytesCut));
        }
    }

    @Test
    void splitsLinesAcrossChunkBoundariesAndKeepsALastLineWithoutNewline() throws IOException {
        String text = "a".repeat(BoundedLineReader.CHUNK_BYTES - 1) + "\nbb\n\nlast";
        Recorder recorder = new Recorder();

        new BoundedLineReader(stream(text), 1 << 20, recorder).run();

        assertThat(recorder.lines).containsExactly("a".repeat(BoundedLineReader.CHUNK_BYTES - 1), "bb", "", "last");
    }

    @Test
    void cutsALongLineAtTheCapAndCountsWhatWasDropped() throws IOException {
        Recorder recorder = new Recorder();

        new BoundedLineReader(stream("0123456789\nok\n"), 4, recorder).run();

        assertThat(recorder.lines).containsExactly("0123+6", "ok");
    }

    @Test
    void neverBuffersMoreThanTheCapWhateverTheLineLength() throws IOException {
        int cap = 1 << 20;
        long tenTimesTheCap = 10L * cap;
        Recorder recorder = new Recorder();
        BoundedLineReader reader = new BoundedLineReader(endlessLine(tenTimesTheCap), cap, recorder);

        reader.run();

        assertThat(reader.peakLineBytes()).isLessThanOrEqualTo(cap);
        assertThat(recorder.lines).hasSize(1);
        assertThat(recorder.lines.get(0)).endsWith("+" + (tenTimesTheCap - cap));
    }

    private static ByteArrayInputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(UTF_8));
    }

    /** {@code length} bytes of 'x' and no newline, generated as read. */
    private static InputStream endlessLine(long length) {
        return new InputStream() {
            private long left = length;

            @Override
            public int read() {
                return left-- > 0 ? 'x' : -1;
            }

            @Override
            public int read(byte[] buffer, int offset, int count) {
                if (left <= 0) {
                    return -1;
                }
                int n = (int) Math.min(count, left);
                java.util.Arrays.fill(buffer, offset, offset + n, (byte) 'x');
                left -= n;
                return n;
            }
        };
    }
}
