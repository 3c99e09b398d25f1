package dev.zeroclaw.signal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateDirectoryTest {

    private static final Path HOME = Path.of("/home/ops");

    @TempDir
    Path temporary;

    @Test
    void anOverrideWinsThenXdgStateHomeThenTheHomeFallback() {
        assertThat(StateDirectory.resolve(Optional.of(Path.of("/var/lib/zeroclaw")), Map.of("XDG_STATE_HOME", "/s"), HOME)
                .path()).isEqualTo(Path.of("/var/lib/zeroclaw"));
        assertThat(StateDirectory.resolve(Optional.empty(), Map.of("XDG_STATE_HOME", "/home/ops/.local/state"), HOME).path())
                .isEqualTo(Path.of("/home/ops/.local/state/zeroclaw"));
        assertThat(StateDirectory.resolve(Optional.empty(), Map.of(), HOME).path()).isEqualTo(Path.of("/home/ops/.zeroclaw/state"));
        assertThat(StateDirectory.resolve(Optional.empty(), Map.of("XDG_STATE_HOME", "relative"), HOME).path())
                .isEqualTo(Path.of("/home/ops/.zeroclaw/state"));
    }

    @Test
    void aWrittenFileReadsBackOwnerOnlyInAnOwnerOnlyDirectory() throws IOException {
        StateDirectory directory = new StateDirectory(temporary.resolve("home/.zeroclaw/state"));

        assertThat(directory.read("pins-a.json")).isEmpty();
        directory.write("pins-a.json", "{\"first\":1}\n");
        directory.write("pins-a.json", "{\"second\":2}\n");

        assertThat(directory.read("pins-a.json")).contains("{\"second\":2}\n");
        assertThat(mode(directory.path().resolve("pins-a.json"))).isEqualTo("rw-------");
        assertThat(mode(directory.path())).isEqualTo("rwx------");
        assertThat(mode(temporary.resolve("home/.zeroclaw"))).isEqualTo("rwx------");
        try (var files = Files.list(directory.path())) {
            assertThat(files.map(file -> file.getFileName().toString())).containsExactly("pins-a.json");
        }
    }

    @Test
    void aDirectoryOthersCanEnterIsRefusedWithTheFix() throws IOException {
        Path open = Files.createDirectory(temporary.resolve("open"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxr-xr-x"));

        assertThatThrownBy(() -> new StateDirectory(open).write("pins-a.json", "{}"))
                .isInstanceOf(IOException.class)
                .hasMessage("state directory " + open + " has mode 0755; it must be 0700, so that only its owner can reach"
                        + " the pinned tool definitions: run chmod 700 " + open);
    }

    @Test
    void aNameThatIsAPathIsRefused() {
        StateDirectory directory = new StateDirectory(temporary);

        assertThatThrownBy(() -> directory.write("../escape", "{}")).isInstanceOf(IllegalArgumentException.class);
    }

    private static String mode(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }
}
