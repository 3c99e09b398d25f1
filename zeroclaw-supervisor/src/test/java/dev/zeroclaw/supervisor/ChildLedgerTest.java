package dev.zeroclaw.supervisor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zeroclaw.process.ProcessIdentity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With real processes: a leader of its own group, as the stdio transport starts servers ({@code setsid}). */
class ChildLedgerTest {

    @TempDir
    Path dir;

    private Process process;

    @AfterEach
    void cleanUp() {
        if (process != null) {
            process.destroyForcibly();
        }
    }

    private Process leader() throws Exception {
        process = new ProcessBuilder("setsid", "sleep", "300").start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        // setsid makes the new session (and group) in place, then execs sleep: wait for the first.
        while (!leadsItsGroup(process.pid()) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        return process;
    }

    private static boolean leadsItsGroup(long pid) throws Exception {
        Path stat = Path.of("/proc", Long.toString(pid), "stat");
        if (!Files.exists(stat)) {
            return false;
        }
        String text = Files.readString(stat);
        // Fields after the command name, which is in parentheses: state, ppid, pgrp, ...
        String[] fields = text.substring(text.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[2]) == pid;
    }

    @Test
    void theVeryProcessRecordedIsStoppedByTheNextOpen() throws Exception {
        Process server = leader();
        ChildLedger first = new ChildLedger();
        first.open(dir);
        first.started("kept", server.pid());
        assertThat(Files.readString(dir.resolve(ChildLedger.FILE_NAME))).startsWith(server.pid() + " ").endsWith(" kept\n");

        int stopped = new ChildLedger().open(dir);

        assertThat(stopped).isEqualTo(1);
        assertThat(server.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(Files.readAllLines(dir.resolve(ChildLedger.FILE_NAME))).isEmpty();
    }

    @Test
    void aPidNowHeldByAnotherProcessIsLeftAlone() throws Exception {
        Process other = leader();
        long startTime = ProcessIdentity.of(other.pid()).orElseThrow().startTime();
        Files.write(dir.resolve(ChildLedger.FILE_NAME), List.of(
                other.pid() + " " + (startTime + 1) + " reused",
                "garbage",
                "12 not-a-number broken"));

        int stopped = new ChildLedger().open(dir);

        assertThat(stopped).isZero();
        assertThat(other.isAlive()).isTrue();
    }

    @Test
    void serversStartingTogetherAreAllRecordedOnceEveryStartHasReturned() throws Exception {
        List<Process> servers = new ArrayList<>();
        try {
            for (int i = 0; i < 12; i++) {
                servers.add(new ProcessBuilder("sleep", "300").start());
            }
            ChildLedger ledger = new ChildLedger();
            ledger.open(dir);
            CountDownLatch go = new CountDownLatch(1);
            List<Thread> starts = new ArrayList<>();
            for (Process server : servers) {
                Thread start = new Thread(() -> {
                    try {
                        go.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    ledger.started("s" + server.pid(), server.pid());
                });
                start.start();
                starts.add(start);
            }
            go.countDown();
            for (Thread start : starts) {
                start.join(TimeUnit.SECONDS.toMillis(30));
            }

            assertThat(Files.readAllLines(dir.resolve(ChildLedger.FILE_NAME)))
                    .as("one line per server, whichever thread wrote it")
                    .containsExactlyInAnyOrderElementsOf(servers.stream()
                            .map(server -> server.pid() + " " + ProcessIdentity.of(server.pid()).orElseThrow().startTime()
                                    + " s" + server.pid())
                            .toList());
        } finally {
            servers.forEach(Process::destroyForcibly);
        }
    }

    @Test
    void anEndedServerLeavesTheRecord() throws Exception {
        Process server = leader();
        ChildLedger ledger = new ChildLedger();
        ledger.open(dir);
        ledger.started("s", server.pid());
        ledger.ended(server.pid());
        assertThat(Files.readAllLines(dir.resolve(ChildLedger.FILE_NAME))).isEmpty();
    }
}
