package dev.zeroclaw.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Finds programs the way execvp in the child will. */
class ExecutableSearchTest {

    @TempDir
    Path directory;

    @Test
    void findsACommandInTheFirstPathEntryThatHasItExecutable() throws IOException {
        Path first = Files.createDirectory(directory.resolve("first"));
        Path second = Files.createDirectory(directory.resolve("second"));
        file(first.resolve("tool"), "rw-r--r--");
        Path executable = file(second.resolve("tool"), "rwxr-xr-x");

        Optional<Path> found = new ExecutableSearch(Optional.of(first + ":" + second), directory).find("tool");

        assertThat(found).contains(executable);
    }

    @Test
    void resolvesACommandWithASlashAgainstTheWorkingDirectoryNotThePath() throws IOException {
        Path executable = file(directory.resolve("server"), "rwxr-xr-x");

        assertThat(new ExecutableSearch(Optional.of("/usr/bin"), directory).find("./server").map(Path::normalize))
                .contains(executable);
        assertThat(new ExecutableSearch(Optional.of(directory.toString()), directory).find("./nothing")).isEmpty();
    }

    @Test
    void anEmptyPathEntryMeansTheWorkingDirectory() throws IOException {
        Path executable = file(directory.resolve("here"), "rwxr-xr-x");

        assertThat(new ExecutableSearch(Optional.of("/nonexistent:"), directory).find("here")).contains(executable);
    }

    @Test
    void withoutPathSearchesWhatExecvpSearches() {
        assertThat(new ExecutableSearch(Optional.empty(), directory).find("sh")).isPresent();
        assertThat(new ExecutableSearch(Optional.empty(), directory).find("zeroclaw-no-such-command")).isEmpty();
    }

    @Test
    void aDirectoryIsNotACommand() throws IOException {
        Files.createDirectory(directory.resolve("tool"));

        assertThat(new ExecutableSearch(Optional.of(directory.toString()), directory).find("tool")).isEmpty();
    }

    private static Path file(Path path, String permissions) throws IOException {
        Files.writeString(path, "#!/bin/sh\n");
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(permissions));
        return path;
    }
}
