package dev.zeroclaw.api.wire;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class JsonLineReaderTest {

    @Test
    void linesEndAtLfACrBeforeItIsDroppedAndBlankLinesAreSkipped() throws IOException {
        assertThat(lines("{\"a\":1}\n\n  \r\n{\"b\":2}\r\n{\"c\":3}\n", 1024))
                .containsExactly("{\"a\":1}", "{\"b\":2}", "{\"c\":3}");
    }

    @Test
    void aLastLineWithoutLfIsHandedOver() throws IOException {
        assertThat(lines("{\"a\":1}\n{\"last\":true}", 1024)).containsExactly("{\"a\":1}", "{\"last\":true}");
    }

    @Test
    void splitsLinesAcrossReadsOfAnySize() throws IOException {
        String text = "x".repeat(70_000) + "\r\n" + "é✓\n";
        JsonLineReader reader = new JsonLineReader(trickle(text.getBytes(UTF_8), 3), 1 << 20);

        assertThat(reader.next()).contains("x".repeat(70_000));
        assertThat(reader.next()).contains("é✓");
        assertThat(reader.next()).isEmpty();
    }

    @Test
    void aStreamThatHasNothingYetThrowsAndTheReaderGoesOnWhereItWasOnceMoreCame() throws IOException {
        Arriving arriving = new Arriving(List.of("{\"a\":", "1}\n{\"b", "\":2}\n"));
        JsonLineReader reader = new JsonLineReader(arriving, 1024, 3);
        List<String> read = new ArrayList<>();
        while (read.size() < 2) {
            try {
                reader.next().ifPresent(read::add);
            } catch (IOException e) {
                assertThat(e).hasMessage("nothing yet");
                arriving.arrive();
            }
        }

        assertThat(read).containsExactly("{\"a\":1}", "{\"b\":2}");
    }

    /** A stream whose parts arrive one at a time, as a pipe's would, and says so when none is there. */
    private static final class Arriving extends InputStream {
        private final List<String> parts;
        private InputStream current = InputStream.nullInputStream();

        Arriving(List<String> parts) {
            this.parts = new ArrayList<>(parts);
        }

        void arrive() {
            current = new ByteArrayInputStream(parts.remove(0).getBytes(UTF_8));
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0];
        }

        @Override
        public int read(byte[] into, int at, int length) throws IOException {
            int read = current.read(into, at, length);
            if (read > 0) {
                return read;
            }
            throw new IOException("nothing yet");
        }
    }

    @Test
    void aLineOfExactlyTheBoundIsAcceptedWithOrWithoutCr() throws IOException {
        assertThat(lines("0123456789\n0123456789\r\n0123456789", 10))
                .containsExactly("0123456789", "0123456789", "0123456789");
    }

    @Test
    void aLineLongerThanTheBoundIsTheNamedErrorAndTheReaderGoesOnAfterIt() throws IOException {
        JsonLineReader reader = new JsonLineReader(stream("ok\n" + "y".repeat(100) + "\nafter\n"), 10);

        assertThat(reader.next()).contains("ok");
        assertThatThrownBy(reader::next).isInstanceOf(MalformedFrameException.class)
                .hasMessage("a line is longer than 10 bytes")
                .extracting(e -> ((MalformedFrameException) e).problem()).isEqualTo(MalformedFrameException.Problem.TOO_LONG);
        assertThat(reader.next()).contains("after");
        assertThat(reader.next()).isEmpty();
    }

    @Test
    void aLineOverTheBoundBeforeTheEndOfTheStreamIsTheNamedError() throws IOException {
        JsonLineReader reader = new JsonLineReader(stream("y".repeat(11)), 10);

        assertThatThrownBy(reader::next).isInstanceOf(MalformedFrameException.class);
        assertThat(reader.next()).isEmpty();
    }

    @Test
    void theBoundIsNamedInMebibytesWhenItIsSome() {
        JsonLineReader reader = new JsonLineReader(stream("z".repeat(4 * 1024 * 1024 + 1) + "\n"), 4 * 1024 * 1024);

        assertThatThrownBy(reader::next).hasMessage("a line is longer than 4 MiB (4194304 bytes)");
    }

    @Test
    void aLineThatIsNotUtf8IsTheNamedErrorAndTheReaderGoesOnAfterIt() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes("{\"a\":\"".getBytes(UTF_8));
        bytes.write(0xFF);
        bytes.writeBytes("\"}\n{\"b\":2}\n".getBytes(UTF_8));
        JsonLineReader reader = new JsonLineReader(new ByteArrayInputStream(bytes.toByteArray()), 1024);

        assertThatThrownBy(reader::next).isInstanceOf(MalformedFrameException.class)
                .hasMessage("a line is not valid UTF-8 (at byte 6)")
                .extracting(e -> ((MalformedFrameException) e).problem()).isEqualTo(MalformedFrameException.Problem.NOT_UTF8);
        assertThat(reader.next()).contains("{\"b\":2}");
    }

    @Test
    void aTruncatedMultiByteSequenceIsNotUtf8() {
        byte[] euro = "€".getBytes(UTF_8);
        byte[] cut = Arrays.copyOf(euro, 2);
        JsonLineReader reader = new JsonLineReader(new ByteArrayInputStream(concat(cut, "\n".getBytes(UTF_8))), 1024);

        assertThatThrownBy(reader::next).isInstanceOf(MalformedFrameException.class).hasMessageContaining("not valid UTF-8");
    }

    @Test
    void neverHoldsMoreThanTheBoundWhateverTheLineLength() throws IOException {
        long length = 64L * 1024 * 1024;
        JsonLineReader reader = new JsonLineReader(endlessLine(length), 1024);

        // 64 MiB of one line, read through a reader bounded at 1 KiB: only the error, then the end.
        assertThatThrownBy(reader::next).isInstanceOf(MalformedFrameException.class);
        assertThat(reader.next()).isEmpty();
    }

    private static List<String> lines(String text, int max) throws IOException {
        JsonLineReader reader = new JsonLineReader(stream(text), max);
        List<String> lines = new ArrayList<>();
        for (Optional<String> line = reader.next(); line.isPresent(); line = reader.next()) {
            lines.add(line.get());
        }
        return lines;
    }

    private static ByteArrayInputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(UTF_8));
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] both = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }

    /** At most {@code most} bytes per read. */
    private static InputStream trickle(byte[] bytes, int most) {
        return new InputStream() {
            private int next;

            @Override
            public int read() {
                return next < bytes.length ? bytes[next++] & 0xFF : -1;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) {
                if (next == bytes.length) {
                    return -1;
                }
                int n = Math.min(Math.min(length, most), bytes.length - next);
                System.arraycopy(bytes, next, buffer, offset, n);
                next += n;
                return n;
            }
        };
    }

    /** {@code length} bytes of 'x' and no newline, made as read. */
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
                Arrays.fill(buffer, offset, offset + n, (byte) 'x');
                left -= n;
                return n;
            }
        };
    }
}
