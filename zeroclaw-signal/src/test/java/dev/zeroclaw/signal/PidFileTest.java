package dev.zeroclaw.signal;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pid file against a second daemon in another JVM ({@link PidFileProbe}). The file is never read from this JVM
 * while held: closing any descriptor of it here would drop this process's lock. {@code cat} reads it instead.
 */
class PidFileTest {

    private static final long OUR_PID = ProcessHandle.current().pid();

    @TempDir
    Path temporary;

    private Path directory;

    @BeforeEach
    void runtimeDirectoryNotYetThere() {
        directory = temporary.resolve("run").resolve("zeroclaw");
    }

    @Test
    void aSecondDaemonInAnotherProcessIsRefusedWithTheHoldersPid() throws Exception {
        try (PidFile held = PidFile.acquire(new RuntimeDirectory(directory));
                ChildJvm second = startSecondDaemon()) {
            String answer = second.awaitLine(line -> line.startsWith("refused") || line.startsWith("acquired"),
                    "refused or acquired");
            assertThat(answer).isEqualTo("refused " + OUR_PID + " another zeroclaw daemon (pid " + OUR_PID + ") is"
                    + " running with runtime directory " + directory + ": stop it first, or give this daemon another"
                    + " runtime directory");
            assertThat(second.awaitExit()).isEqualTo(PidFileProbe.REFUSED);
            assertThat(held.tookOverStaleFile()).isFalse();
        }
    }

    @Test
    void whileAnotherProcessHoldsItThisOneIsRefusedWithThatPid() throws Exception {
        try (ChildJvm first = startSecondDaemon()) {
            first.awaitLine("acquired " + first.pid());

            assertThatThrownBy(() -> PidFile.acquire(new RuntimeDirectory(directory)))
                    .isInstanceOfSatisfying(DaemonAlreadyRunningException.class, refused -> {
                        assertThat(refused.holderPid()).hasValue(first.pid());
                        assertThat(refused.runtimeDirectory()).isEqualTo(directory);
                    })
                    .hasMessageStartingWith("another zeroclaw daemon (pid " + first.pid() + ") is running with"
                            + " runtime directory " + directory);

            first.closeInput();
            first.awaitLine("released");
            assertThat(first.awaitExit()).isZero();
        }
        // It deleted its file on the way out: the next daemon finds nothing stale.
        try (PidFile next = PidFile.acquire(new RuntimeDirectory(directory))) {
            assertThat(next.tookOverStaleFile()).isFalse();
            assertThat(next.warning()).isEmpty();
        }
    }

    @Test
    void aDaemonKilledWithSigkillLeavesAStaleFileThatIsTakenOver() throws Exception {
        long killedPid;
        try (ChildJvm first = startSecondDaemon()) {
            killedPid = first.pid();
            first.awaitLine("acquired " + killedPid);
        } // close() kills it with SIGKILL: no chance to delete its file
        assertThat(directory.resolve(PidFile.FILE_NAME)).exists();

        try (PidFile taken = PidFile.acquire(new RuntimeDirectory(directory))) {
            assertThat(taken.tookOverStaleFile()).isTrue();
            assertThat(taken.stalePid()).hasValue(killedPid);
            assertThat(taken.warning()).hasValue("took over stale pid file " + taken.path() + ": pid " + killedPid
                    + " no longer holds its lock (that daemon crashed or was killed)");
            assertThat(contentSeenByAnotherProcess(taken.path())).isEqualTo(OUR_PID + "\n");
        }
    }

    @Test
    void aStaleFileWithoutAPidIsTakenOverAndItsContentShown() throws Exception {
        new RuntimeDirectory(directory).create();
        Files.writeString(directory.resolve(PidFile.FILE_NAME), "not a pid\n", US_ASCII);

        try (PidFile taken = PidFile.acquire(new RuntimeDirectory(directory))) {
            assertThat(taken.tookOverStaleFile()).isTrue();
            assertThat(taken.stalePid()).isEmpty();
            assertThat(taken.warning()).get().asString().contains("its content 'not a pid'");
        }
    }

    @Test
    void anEmptyLeftoverFileIsNotStale() throws Exception {
        // What a starter that crashed between creating the file and writing its pid leaves, or one that is just
        // between the two: nothing to warn about.
        new RuntimeDirectory(directory).create();
        Files.createFile(directory.resolve(PidFile.FILE_NAME));

        try (PidFile taken = PidFile.acquire(new RuntimeDirectory(directory))) {
            assertThat(taken.tookOverStaleFile()).isFalse();
            assertThat(taken.warning()).isEmpty();
        }
    }

    @Test
    void theFileHoldsThePidOnlyTheOwnerMayReadItAndCloseDeletesIt() throws Exception {
        PidFile pidFile = PidFile.acquire(new RuntimeDirectory(directory));
        try {
            assertThat(pidFile.path()).isEqualTo(directory.toRealPath().resolve("zeroclaw.pid"));
            assertThat(pidFile.pid()).isEqualTo(OUR_PID);
            assertThat(contentSeenByAnotherProcess(pidFile.path())).isEqualTo(OUR_PID + "\n");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(pidFile.path())))
                    .isEqualTo("rw-------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(directory)))
                    .isEqualTo("rwx------");
        } finally {
            pidFile.close();
        }
        assertThat(pidFile.path()).doesNotExist();
        pidFile.close(); // a second close does nothing
    }

    @Test
    void aSecondAcquireInThisProcessIsRefusedAndDoesNotLoseTheLock() throws Exception {
        try (PidFile held = PidFile.acquire(new RuntimeDirectory(directory))) {
            assertThatThrownBy(() -> PidFile.acquire(new RuntimeDirectory(directory)))
                    .isInstanceOf(DaemonAlreadyRunningException.class)
                    .hasMessage("this process (pid " + OUR_PID + ") already holds the pid file in runtime directory "
                            + directory);

            // Had the refused attempt opened and closed the file, the kernel would have dropped our lock.
            try (ChildJvm other = startSecondDaemon()) {
                assertThat(other.awaitLine(line -> line.startsWith("refused") || line.startsWith("acquired"),
                        "refused or acquired")).startsWith("refused " + OUR_PID + " ");
            }
        }
        // And once released, this process may take it again.
        PidFile.acquire(new RuntimeDirectory(directory)).close();
    }

    @Test
    void anUnsafeRuntimeDirectoryIsRefusedBeforeAnyPidFileIsWritten() throws Exception {
        Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwxr-xr-x")));
        Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxr-xr-x"));

        assertThatThrownBy(() -> PidFile.acquire(new RuntimeDirectory(directory)))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("has mode 0755; it must be 0700");
        assertThat(directory.resolve(PidFile.FILE_NAME)).doesNotExist();
    }

    @Test
    void aLockOnAFileThatWasDeletedOrReplacedIsNotTrusted() throws Exception {
        new RuntimeDirectory(directory).create();
        Path file = directory.toRealPath().resolve("probe.pid");
        Files.createFile(file);
        try (FileChannel open = FileChannel.open(file, StandardOpenOption.READ)) {
            assertThat(PidFile.lockedFileIsStillAt(file)).isTrue();

            Files.delete(file);
            assertThat(PidFile.lockedFileIsStillAt(file)).as("deleted").isFalse();

            Files.createFile(file);
            assertThat(PidFile.lockedFileIsStillAt(file)).as("deleted and created anew").isFalse();
        }
    }

    private ChildJvm startSecondDaemon() throws IOException {
        return ChildJvm.start(List.of(), List.of(), PidFileProbe.class, directory.toString());
    }

    private static String contentSeenByAnotherProcess(Path file) throws Exception {
        Process cat = new ProcessBuilder("cat", file.toString()).redirectErrorStream(true).start();
        String content = new String(cat.getInputStream().readAllBytes(), US_ASCII);
        assertThat(cat.waitFor(ChildJvm.DEADLINE.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
        assertThat(cat.exitValue()).as("cat said: %s", content).isZero();
        return content;
    }
}
