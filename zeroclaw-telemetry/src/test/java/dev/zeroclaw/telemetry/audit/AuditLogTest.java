package dev.zeroclaw.telemetry.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.zeroclaw.api.AuditSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditLogTest {

    @TempDir
    Path dir;

    private final AtomicInteger written = new AtomicInteger();
    private final AtomicInteger dropped = new AtomicInteger();
    private final AuditCounters counters = new AuditCounters() {
        @Override
        public void written() {
            written.incrementAndGet();
        }

        @Override
        public void dropped() {
            dropped.incrementAndGet();
        }
    };

    @Test
    void linesAreAppendedInOrderToAPrivateFile() throws IOException {
        Path path = dir.resolve("audit.jsonl");
        try (AuditLog log = AuditLog.open(new AuditSettings(path.toString(), false, 1 << 20, 3), counters)) {
            log.offer("{\"n\":1}");
            log.offer("{\"n\":2}");
        }

        assertThat(Files.readAllLines(path)).containsExactly("{\"n\":1}", "{\"n\":2}");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(path))).isEqualTo("rw-------");
        assertThat(written).hasValue(2);
        assertThat(dropped).hasValue(0);
    }

    @Test
    void aFullFileRotatesAndOnlyMaxFilesAreKept() throws IOException {
        Path path = dir.resolve("audit.jsonl");
        String line = "x".repeat(999); // 1000 bytes with its newline: 4 lines fill a 4096-byte file
        List<String> lines = new ArrayList<>();
        try (AuditLog log = AuditLog.open(new AuditSettings(path.toString(), false, 4096, 3), counters)) {
            for (int i = 0; i < 20; i++) {
                String numbered = String.format("%02d", i) + line.substring(2);
                lines.add(numbered);
                log.offer(numbered);
            }
        }

        try (var files = Files.list(dir)) {
            assertThat(files.map(file -> file.getFileName().toString()))
                    .containsExactlyInAnyOrder("audit.jsonl", "audit.jsonl.1", "audit.jsonl.2");
        }
        // The newest lines, none lost between the kept files, each file within its bound.
        assertThat(Files.readAllLines(path)).containsExactlyElementsOf(lines.subList(16, 20));
        assertThat(Files.readAllLines(dir.resolve("audit.jsonl.1"))).containsExactlyElementsOf(lines.subList(12, 16));
        assertThat(Files.readAllLines(dir.resolve("audit.jsonl.2"))).containsExactlyElementsOf(lines.subList(8, 12));
        assertThat(Files.size(dir.resolve("audit.jsonl.1"))).isLessThanOrEqualTo(4096);
        assertThat(written).hasValue(20);
    }

    @Test
    void withOneFileTheFullFileStartsAgain() throws IOException {
        Path path = dir.resolve("audit.jsonl");
        try (AuditLog log = AuditLog.open(new AuditSettings(path.toString(), false, 4096, 1), counters)) {
            for (int i = 0; i < 6; i++) {
                log.offer(i + "x".repeat(998));
            }
        }

        assertThat(Files.readAllLines(path)).hasSize(2).allMatch(text -> text.startsWith("4") || text.startsWith("5"));
        try (var files = Files.list(dir)) {
            assertThat(files).hasSize(1);
        }
    }

    @Test
    void aLineTheFileRefusesIsDroppedAndCountedAndTheLogGoesOn() throws IOException {
        Path path = dir.resolve("audit.jsonl");
        try (AuditLog log = AuditLog.open(new AuditSettings(path.toString(), false, 4096, 2), counters)) {
            // Rotation needs to move the file: a folder in the way of audit.jsonl.1 makes the move fail.
            Files.createDirectory(dir.resolve("audit.jsonl.1"));
            Files.writeString(dir.resolve("audit.jsonl.1").resolve("keep"), "so the folder cannot be replaced");
            log.offer("a".repeat(3000));
            log.offer("b".repeat(3000));
        }

        assertThat(written).hasValue(1);
        assertThat(dropped).hasValue(1);
        assertThat(Files.readString(path, StandardCharsets.UTF_8)).startsWith("aaa");
    }

    @Test
    void aFolderThatDoesNotExistIsRefusedWithThePath() {
        Path path = dir.resolve("missing").resolve("audit.jsonl");

        assertThat(catchThrowable(
                () -> AuditLog.open(new AuditSettings(path.toString(), false, 4096, 2), counters)))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("the audit log " + path + " cannot be created ([mcp.audit] path)");
    }
}
