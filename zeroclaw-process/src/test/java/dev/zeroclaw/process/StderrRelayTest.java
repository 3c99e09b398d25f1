package dev.zeroclaw.process;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class StderrRelayTest {

    @Test
    void aStalledLogLosesLinesNotMemoryAndIsToldHowMany() throws Exception {
        PipedOutputStream child = new PipedOutputStream();
        PipedInputStream pipe = new PipedInputStream(child, 64 * 1024);
        CountDownLatch firstTaken = new CountDownLatch(1);
        CountDownLatch logStalled = new CountDownLatch(1);
        List<String> delivered = new CopyOnWriteArrayList<>();
        StderrRelay relay = new StderrRelay(pipe, line -> {
            firstTaken.countDown();
            await(logStalled);
            delivered.add(line);
        }, "test", Duration.ofSeconds(20));
        relay.start();

        int written = 5_000;
        child.write("line 0\n".getBytes(UTF_8));
        child.flush();
        await(firstTaken);
        // The deliverer holds line 0; the queue takes the next 1,000; the rest are dropped.
        for (int i = 1; i < written; i++) {
            child.write(("line " + i + "\n").getBytes(UTF_8));
        }
        child.close();
        Eventually.until("the reader has dropped what did not fit",
                () -> relay.droppedLines() == written - 1 - StderrRelay.MAX_QUEUED_LINES);
        logStalled.countDown();

        assertThat(relay.awaitDelivered(Deadline.after(Eventually.PATIENCE))).isTrue();
        assertThat(relay.queuedPeak()).isEqualTo(StderrRelay.MAX_QUEUED_LINES);
        assertThat(delivered).hasSize(StderrRelay.MAX_QUEUED_LINES + 2);
        assertThat(delivered.get(StderrRelay.MAX_QUEUED_LINES)).isEqualTo("line 1000");
        assertThat(delivered.get(StderrRelay.MAX_QUEUED_LINES + 1)).isEqualTo(
                "[zeroclaw: dropped 3999 lines of stderr here: they came faster than the log took them]");
    }

    @Test
    void longLinesAreCutAt8KiBAndSaySo() throws Exception {
        String longLine = "é".repeat(5000); // 10,000 bytes
        List<String> delivered = new CopyOnWriteArrayList<>();
        StderrRelay relay = new StderrRelay(new ByteArrayInputStream((longLine + "\nshort\r\n").getBytes(UTF_8)),
                delivered::add, "test", Duration.ofSeconds(20));

        relay.start();

        assertThat(relay.awaitDelivered(Deadline.after(Eventually.PATIENCE))).isTrue();
        assertThat(delivered).containsExactly(
                "é".repeat(4096) + " [zeroclaw: line cut at 8 KiB, 1808 more bytes dropped]", "short");
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(Eventually.PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
