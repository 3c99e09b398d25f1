package dev.zeroclaw.process;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The bounded stdin writer: a send never waits on the pipe, order is kept, and the thread ends. */
class StdinWriterTest {

    @Test
    void aFullQueueRefusesTheNextSendAtOnceNamingTheServerAndTheLimit() throws Exception {
        StuckPipe pipe = new StuckPipe();
        StdinWriter writer = new StdinWriter(pipe, "fs", 3 * 1024, "test-stdin");
        writer.start();
        byte[] kib = new byte[1024];
        // The first line is written and blocks (it still counts as queued); two more fill the queue.
        writer.send(kib);
        writer.send(kib);
        writer.send(kib);

        assertThatThrownBy(() -> writer.send(new byte[1]))
                .isInstanceOf(IOException.class)
                .hasMessage("server 'fs' is not reading its stdin: 3 KiB queued (limit 3 KiB); message not sent");

        writer.abandon();
        pipe.unblock();
        assertThat(writer.awaitEnd(TimeUnit.SECONDS.toMillis(10))).isTrue();
        assertThat(pipe.closed).isTrue();
    }

    @Test
    void aMessageLongerThanTheBoundIsTakenWhenNothingIsQueued() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StdinWriter writer = new StdinWriter(out, "fs", 16, "test-stdin");
        writer.start();

        writer.send(new byte[100]);
        writer.close();

        assertThat(writer.awaitEnd(TimeUnit.SECONDS.toMillis(10))).isTrue();
        assertThat(out.size()).isEqualTo(100);
    }

    @Test
    void linesAreWrittenWholeInSendOrderAndCloseWritesTheRestThenEndsTheThread() throws Exception {
        ClosingRecorder out = new ClosingRecorder();
        StdinWriter writer = new StdinWriter(out, "fs", StdinWriter.MAX_QUEUED_BYTES, "test-stdin");
        writer.start();
        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < 1_000; i++) {
            String line = "{\"id\":" + i + "}\n";
            expected.append(line);
            writer.send(line.getBytes(UTF_8));
        }

        writer.close();

        assertThat(writer.awaitEnd(TimeUnit.SECONDS.toMillis(10))).isTrue();
        assertThat(out.toString(UTF_8)).isEqualTo(expected.toString());
        assertThat(out.closed).isTrue();
        assertThatThrownBy(() -> writer.send("late\n".getBytes(UTF_8)))
                .isInstanceOf(IOException.class).hasMessageContaining("stopping or has ended");
    }

    @Test
    void aFailedWriteRefusesLaterSendsWithItsReason() throws Exception {
        OutputStream broken = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("Broken pipe");
            }
        };
        StdinWriter writer = new StdinWriter(broken, "fs", 1024, "test-stdin");
        writer.start();
        writer.send(new byte[] {'x'});

        assertThat(writer.awaitEnd(TimeUnit.SECONDS.toMillis(10))).isTrue();
        assertThatThrownBy(() -> writer.send(new byte[] {'y'}))
                .isInstanceOf(IOException.class).hasMessageContaining("server 'fs'").hasMessageContaining("Broken pipe");
    }

    /** A pipe whose reader has stopped: every write blocks until unblocked. */
    private static final class StuckPipe extends OutputStream {
        private final CountDownLatch unblocked = new CountDownLatch(1);
        volatile boolean closed;

        @Override
        public void write(int b) throws IOException {
            try {
                unblocked.await();
            } catch (InterruptedException e) {
                throw new IOException(e);
            }
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            write(0);
        }

        void unblock() {
            unblocked.countDown();
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    private static final class ClosingRecorder extends ByteArrayOutputStream {
        volatile boolean closed;

        @Override
        public void close() {
            closed = true;
        }
    }
}
