package dev.zeroclaw.signal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.security.auth.module.UnixSystem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RuntimeDirectoryTest {

    private static final Path HOME = Path.of("/home/ops");

    @TempDir
    Path temporary;

    @Test
    void anOverrideWinsOverEverything() {
        assertThat(RuntimeDirectory.resolve(Optional.of(Path.of("/srv/zc")), Map.of("XDG_RUNTIME_DIR", "/run/user/7"),
                HOME).path()).isEqualTo(Path.of("/srv/zc"));
    }

    @Test
    void xdgRuntimeDirIsUsedWhenSet() {
        assertThat(RuntimeDirectory.resolve(Optional.empty(), Map.of("XDG_RUNTIME_DIR", "/run/user/1000"), HOME)
                .path()).isEqualTo(Path.of("/run/user/1000/zeroclaw"));
    }

    @Test
    void withoutXdgRuntimeDirTheHomeFallbackIsUsed() {
        assertThat(RuntimeDirectory.resolve(Optional.empty(), Map.of(), HOME).path())
                .isEqualTo(Path.of("/home/ops/.zeroclaw/run"));
    }

    @Test
    void anEmptyOrRelativeXdgRuntimeDirIsIgnoredAsTheSpecSays() {
        assertThat(RuntimeDirectory.resolve(Optional.empty(), Map.of("XDG_RUNTIME_DIR", ""), HOME).path())
                .isEqualTo(Path.of("/home/ops/.zeroclaw/run"));
        assertThat(RuntimeDirectory.resolve(Optional.empty(), Map.of("XDG_RUNTIME_DIR", "run/user/1000"), HOME).path())
                .isEqualTo(Path.of("/home/ops/.zeroclaw/run"));
    }

    @Test
    void createMakesTheDirectoryAndItsMissingParentsOwnerOnly() throws IOException {
        Path home = temporary.resolve("home");
        Files.createDirectory(home);
        RuntimeDirectory directory = RuntimeDirectory.resolve(Optional.empty(), Map.of(), home);

        directory.create();

        assertThat(modeOf(directory.path())).isEqualTo("rwx------");
        assertThat(modeOf(home.resolve(".zeroclaw"))).isEqualTo("rwx------");
        directory.create(); // and accepts it the next time
    }

    @Test
    void createSetsExactly0700EvenUnderAStrictUmask() throws Exception {
        // The umask is the process's, so a child JVM makes the directory (through PidFile.acquire) under umask 277,
        // which would leave a plain mkdir 0500.
        Path directory = temporary.resolve("strict").resolve("zeroclaw");
        List<String> strictUmask = List.of("sh", "-c", "umask 277 && exec \"$0\" \"$@\"");
        try (ChildJvm child = ChildJvm.start(strictUmask, List.of(), PidFileProbe.class, directory.toString())) {
            child.awaitLine("acquired " + child.pid());
            assertThat(modeOf(directory)).isEqualTo("rwx------");
            child.closeInput();
            child.awaitLine("released");
        }
    }

    @Test
    void aDirectoryOthersCanEnterIsRefusedWithTheFix() throws IOException {
        Path directory = temporary.resolve("open");
        Files.createDirectory(directory);
        Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxr-x---"));

        assertThatThrownBy(() -> new RuntimeDirectory(directory).create())
                .isInstanceOf(IOException.class)
                .hasMessage("runtime directory " + directory + " has mode 0750; it must be 0700, so that only its"
                        + " owner can reach the pid file and the control socket: run chmod 700 " + directory);
    }

    @Test
    void aDirectoryOfAnotherUserIsRefused() throws IOException {
        assumeTrue(new UnixSystem().getUid() == 0, "only root can give a directory away");
        Path directory = temporary.resolve("theirs");
        Files.createDirectory(directory, PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwx------")));
        Files.setAttribute(directory, "unix:uid", 65534);

        assertThatThrownBy(() -> new RuntimeDirectory(directory).create())
                .isInstanceOf(IOException.class)
                .hasMessageContaining("runtime directory " + directory + " belongs to uid 65534, not to this user"
                        + " (uid 0)");
    }

    @Test
    void aSymbolicLinkOrAFileIsRefused() throws IOException {
        Path real = temporary.resolve("real");
        new RuntimeDirectory(real).create();
        Path link = Files.createSymbolicLink(temporary.resolve("link"), real);
        Path file = Files.createFile(temporary.resolve("file"));

        assertThatThrownBy(() -> new RuntimeDirectory(link).create())
                .hasMessageContaining("is a symbolic link");
        assertThatThrownBy(() -> new RuntimeDirectory(file).create())
                .hasMessageContaining("exists but is not a directory");
    }

    @Test
    void aDirectoryThatCannotBeCreatedSaysWhy() throws IOException {
        Path file = Files.createFile(temporary.resolve("plain-file"));
        assertThatThrownBy(() -> new RuntimeDirectory(file.resolve("zeroclaw")).create())
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith("cannot create runtime directory " + file.resolve("zeroclaw") + ": ");
    }

    private static String modeOf(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS));
    }
}
