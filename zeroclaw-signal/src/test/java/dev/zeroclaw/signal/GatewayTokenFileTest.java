package dev.zeroclaw.signal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GatewayTokenFileTest {

    @TempDir
    Path temporary;

    @Test
    void theTokenIsWrittenOwnerOnlyIntoAnOwnerOnlyDirectoryAndRemovedAtClose() throws Exception {
        RuntimeDirectory directory = new RuntimeDirectory(temporary.resolve("run"));

        try (GatewayTokenFile file = GatewayTokenFile.write(directory, "t0ken")) {
            assertThat(file.path()).isEqualTo(directory.path().resolve(GatewayTokenFile.FILE_NAME));
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.path()))).isEqualTo("rw-------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(directory.path()))).isEqualTo("rwx------");
            assertThat(GatewayTokenFile.read(directory.path())).contains("t0ken");
            try (Stream<Path> entries = Files.list(directory.path())) {
                assertThat(entries).as("no temporary file is left").containsExactly(file.path());
            }
        }
        assertThat(directory.path().resolve(GatewayTokenFile.FILE_NAME)).doesNotExist();
        assertThat(GatewayTokenFile.read(directory.path())).isEmpty();
    }

    @Test
    void aNewTokenReplacesAStaleOne() throws Exception {
        RuntimeDirectory directory = new RuntimeDirectory(temporary.resolve("run"));
        GatewayTokenFile.write(directory, "old");

        try (GatewayTokenFile file = GatewayTokenFile.write(directory, "new")) {
            assertThat(GatewayTokenFile.read(directory.path())).contains("new");
        }
    }

    @Test
    void aStaleFileIsRemoved() throws Exception {
        RuntimeDirectory directory = new RuntimeDirectory(temporary.resolve("run"));
        GatewayTokenFile.write(directory, "old");

        GatewayTokenFile.removeStale(directory);
        GatewayTokenFile.removeStale(directory);

        assertThat(GatewayTokenFile.read(directory.path())).isEmpty();
    }
}
