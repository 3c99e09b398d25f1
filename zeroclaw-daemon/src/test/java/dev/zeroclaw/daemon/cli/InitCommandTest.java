package dev.zeroclaw.daemon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InitCommandTest {

    private static final Path EXAMPLE = Path.of(System.getProperty("zeroclaw.root.dir"), "examples", "config.toml");

    @TempDir
    Path dir;

    @Test
    void writesTheReadmesExampleByteForByteAndItPassesConfigCheck() throws Exception {
        Path config = dir.resolve("new/zeroclaw/config.toml");

        CommandLineRun run = CommandLineRun.of("init", "--config", config.toString());

        assertThat(run.exitCode()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).isEqualTo("wrote " + config + "\nnext: zeroclaw config check --config " + config
                + ", then zeroclaw daemon --config " + config + "\n");
        assertThat(Files.readAllBytes(config)).isEqualTo(Files.readAllBytes(EXAMPLE));
        CommandLineRun check = CommandLineRun.of("config", "check", "--config", config.toString());
        assertThat(check.exitCode()).isZero();
        assertThat(check.out()).contains(": valid, 3 servers");
    }

    @Test
    void theFileIsTheOwnersOnlyAndSoAreTheDirectoriesItCreates() throws Exception {
        Files.createDirectories(dir.resolve("existing"));
        Files.setPosixFilePermissions(dir.resolve("existing"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Path config = dir.resolve("existing/a/b/config.toml");

        assertThat(CommandLineRun.of("init", "--config", config.toString()).exitCode()).isZero();

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(config))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("existing/a/b")))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("existing/a")))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("existing")))).isEqualTo("rwxr-xr-x");
    }

    @Test
    void anExistingFileIsNeverOverwritten() throws Exception {
        Path config = Files.writeString(dir.resolve("config.toml"), "# mine\n");

        CommandLineRun run = CommandLineRun.of("init", "--config", config.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEqualTo("zeroclaw init: " + config + " already exists; nothing written (edit it, or name"
                + " another file with --config FILE)\n");
        assertThat(Files.readString(config)).isEqualTo("# mine\n");
    }

    @Test
    void aDanglingLinkIsNotFollowed() throws Exception {
        Path target = dir.resolve("elsewhere.toml");
        Path config = Files.createSymbolicLink(dir.resolve("config.toml"), target);

        assertThat(CommandLineRun.of("init", "--config", config.toString()).exitCode()).isEqualTo(1);
        assertThat(target).doesNotExist();
    }

    @Test
    void aDirectoryInThePathThatIsAFileIsSaidPlainly() throws Exception {
        Files.writeString(dir.resolve("plain"), "");
        Path config = dir.resolve("plain/config.toml");

        CommandLineRun run = CommandLineRun.of("init", "--config", config.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("zeroclaw init: " + config + " cannot be written: " + dir.resolve("plain")
                + ": is not a directory\n");
    }

    @Test
    void helpSaysWhatItWritesAndTheExitCodes() {
        CommandLineRun run = CommandLineRun.of("init", "--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("Usage: zeroclaw init [-hV] [--config=FILE]").contains("never overwrite one")
                .contains("1   the file exists");
    }
}
