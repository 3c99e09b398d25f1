package dev.zeroclaw.daemon.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** auto_reload: each way of saving a file causes exactly one reload. */
class FileWatchIT {

    /** Long enough after the last reload for a second, spurious one to have shown up (debounce is 100 ms). */
    private static final long QUIET_MS = 1_500;

    @TempDir
    Path dir;

    private static String config(String... names) {
        StringBuilder toml = new StringBuilder("[mcp]\nauto_reload = true\nreload_debounce_ms = 100\n");
        for (String name : names) {
            toml.append("[[mcp.servers]]\nname = \"").append(name).append("\"\n").append(Zeroclaw.fixtureServer("none", 1));
        }
        return toml.toString();
    }

    @Test
    void aSaveByRenameReloadsOnce() throws Exception {
        Path config = Files.writeString(dir.resolve("config.toml"), config("a"));
        try (RunningDaemon daemon = RunningDaemon.start(config, dir, Map.of())) {
            daemon.awaitReady("a");

            Path temp = Files.writeString(dir.resolve(".config.toml.swp"), config("a", "b"));
            Files.move(temp, config, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);

            daemon.awaitReady("a", "b");
            assertExactlyOneFileWatchReload(daemon);
        }
    }

    @Test
    void anInPlaceRewriteReloadsOnce() throws Exception {
        Path config = Files.writeString(dir.resolve("config.toml"), config("a"));
        try (RunningDaemon daemon = RunningDaemon.start(config, dir, Map.of())) {
            daemon.awaitReady("a");

            Files.writeString(config, config("a", "b"));

            daemon.awaitReady("a", "b");
            assertExactlyOneFileWatchReload(daemon);
        }
    }

    @Test
    void aKubernetesConfigMapSymlinkSwapReloadsOnce() throws Exception {
        Path mount = Files.createDirectory(dir.resolve("configmap"));
        Path first = Files.createDirectory(mount.resolve("..2026_11_29_05_00_00.1"));
        Files.writeString(first.resolve("config.toml"), config("a"));
        Files.createSymbolicLink(mount.resolve("..data"), first.getFileName());
        Path config = Files.createSymbolicLink(mount.resolve("config.toml"), Path.of("..data/config.toml"));
        try (RunningDaemon daemon = RunningDaemon.start(config, dir, Map.of())) {
            daemon.awaitReady("a");

            // What the kubelet does: write a new timestamped directory, point a temporary link at
            // it, rename the link over ..data (atomic), remove the old directory.
            Path second = Files.createDirectory(mount.resolve("..2026_11_29_05_01_00.2"));
            Files.writeString(second.resolve("config.toml"), config("a", "b"));
            Path link = Files.createSymbolicLink(mount.resolve("..data_tmp"), second.getFileName());
            Files.move(link, mount.resolve("..data"), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            Files.delete(first.resolve("config.toml"));
            Files.delete(first);

            daemon.awaitReady("a", "b");
            assertExactlyOneFileWatchReload(daemon);
        }
    }

    @Test
    void anUnchangedSaveReloadsNothing() throws Exception {
        Path config = Files.writeString(dir.resolve("config.toml"), config("a"));
        try (RunningDaemon daemon = RunningDaemon.start(config, dir, Map.of())) {
            daemon.awaitReady("a");

            Files.writeString(config, config("a"));
            Files.writeString(config, config("a", "b"));

            daemon.awaitReady("a", "b");
            assertExactlyOneFileWatchReload(daemon);
        }
    }

    @Test
    void watchingSurvivesTheDirectoryBeingDeletedAndRecreated() throws Exception {
        Path configDir = Files.createDirectory(dir.resolve("etc"));
        Path config = Files.writeString(configDir.resolve("config.toml"), config("a"));
        try (RunningDaemon daemon = RunningDaemon.start(config, dir, Map.of())) {
            daemon.awaitReady("a");

            Files.delete(config);
            Files.delete(configDir);
            daemon.awaitLog("no longer watchable");
            Files.createDirectory(configDir);
            Files.writeString(config, config("a", "b"));

            daemon.awaitReady("a", "b");
            assertThat(daemon.status().path("servers")).hasSize(2);
        }
    }

    private static void assertExactlyOneFileWatchReload(RunningDaemon daemon) throws Exception {
        daemon.awaitLog("reload id=1 trigger=file-watch added=1 removed=0");
        Thread.sleep(QUIET_MS);
        Matcher reloads = Pattern.compile("reload id=\\d+ trigger=\\S+ (added|result)").matcher(daemon.log());
        int count = 0;
        while (reloads.find()) {
            count++;
        }
        assertThat(count).as("reloads in the log:\n%s", daemon.log()).isEqualTo(1);
    }
}
