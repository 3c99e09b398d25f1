package dev.zeroclaw.daemon.reload;

import static dev.zeroclaw.daemon.reload.ReloadCoordinatorTest.threadsNamed;
import static org.assertj.core.api.Assertions.assertThat;

import dev.zeroclaw.config.ConfigParser;
import dev.zeroclaw.daemon.config.AppliedConfig;
import dev.zeroclaw.daemon.config.ConfigLoader;
import dev.zeroclaw.diff.FileHash;
import dev.zeroclaw.oauth.ClientIdentity;
import dev.zeroclaw.oauth.StoredAuthorization;
import dev.zeroclaw.oauth.TokenSet;
import dev.zeroclaw.oauth.TokenStore;
import dev.zeroclaw.plugins.TransportCatalog;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The file watcher with a real watch service and a recording stand-in for the coordinator: what
 * it asks for, and when. Each request records the SHA-256 of the file as the reload would read it.
 */
class ConfigWatcherTest {

    private static final Duration DEADLINE = Duration.ofSeconds(10);
    private static final String CONFIG = "[mcp]\nenabled = true\nauto_reload = true\n";

    @TempDir
    Path directory;

    private Path file;
    private final AppliedConfig applied = new AppliedConfig();
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
    // Guarded by itself: the content hash the file had at each request, in order.
    private final List<String> requested = new ArrayList<>();
    private final List<String> triggers = new ArrayList<>();

    @BeforeEach
    void applyTheFirstVersion() throws Exception {
        file = directory.resolve("config.toml");
        Files.writeString(file, CONFIG, StandardCharsets.UTF_8);
        applied.replace(new ConfigLoader(ConfigParser.acceptingAnyTransport(), TransportCatalog.of(List.of())).load(file));
    }

    @AfterEach
    void stopTheTimers() {
        timers.shutdownNow();
    }

    @Test
    void aWriteAsksForOneReloadAfterTheDebounce() throws Exception {
        try (ConfigWatcher watcher = started(Duration.ofMillis(50))) {
            String next = version(2);
            Files.writeString(file, next, StandardCharsets.UTF_8);

            awaitRequestFor(next);
        }
        // Closed: nothing more can be asked; what was asked is all there is.
        assertThat(requested()).containsExactly(sha256(version(2)));
        synchronized (requested) {
            assertThat(triggers).containsOnly("file-watch");
        }
    }

    @Test
    void aBurstOfWritesCollapsesToOneReload() throws Exception {
        try (ConfigWatcher watcher = started(Duration.ofMillis(300))) {
            for (int i = 2; i <= 20; i++) {
                Files.writeString(file, version(i), StandardCharsets.UTF_8);
            }

            awaitRequestFor(version(20));
        }
        assertThat(requested()).containsExactly(sha256(version(20)));
    }

    @Test
    void anAtomicRenameOverTheFileIsSeen() throws Exception {
        try (ConfigWatcher watcher = started(Duration.ofMillis(50))) {
            Path saved = directory.resolve(".config.toml.swp");
            Files.writeString(saved, version(3), StandardCharsets.UTF_8);
            Files.move(saved, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);

            awaitRequestFor(version(3));
        }
        assertThat(requested()).containsExactly(sha256(version(3)));
    }

    @Test
    void eachKubeletSwapOfAConfigMapDirectoryIsSeen() throws Exception {
        // A ConfigMap mounted as a directory: config.toml -> ..data/config.toml, ..data -> a
        // timestamped directory. The file never changes in place; the kubelet swaps the link.
        Path mount = Files.createDirectory(directory.resolve("configmap"));
        Path current = Files.createDirectory(mount.resolve("..2026_11_30_16_00_00.000000001"));
        Files.writeString(current.resolve("config.toml"), CONFIG, StandardCharsets.UTF_8);
        Files.createSymbolicLink(mount.resolve("..data"), current.getFileName());
        file = Files.createSymbolicLink(mount.resolve("config.toml"), Path.of("..data/config.toml"));
        applied.replace(new ConfigLoader(ConfigParser.acceptingAnyTransport(), TransportCatalog.of(List.of())).load(file));

        try (ConfigWatcher watcher = started(Duration.ofMillis(50))) {
            for (int version = 2; version <= 3; version++) {
                Path next = Files.createDirectory(mount.resolve("..2026_11_30_16_0" + version + "_00.00000000" + version));
                Files.writeString(next.resolve("config.toml"), version(version), StandardCharsets.UTF_8);
                Path link = Files.createSymbolicLink(mount.resolve("..data_tmp"), next.getFileName());
                Files.move(link, mount.resolve("..data"), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                Files.delete(current.resolve("config.toml"));
                Files.delete(current);
                current = next;

                awaitRequestFor(version(version));
            }
        }
        assertThat(requested()).containsExactly(sha256(version(2)), sha256(version(3)));
    }

    @Test
    void oauthTokensWrittenInTheWatchedDirectoryAskForNoReload() throws Exception {
        // The state directory is the config directory (the closest an operator's state_dir can be): opening the
        // token store creates oauth/ beside config.toml, and each refresh replaces a token file in it.
        try (ConfigWatcher watcher = started(Duration.ofMillis(50))) {
            TokenStore tokens = TokenStore.open(directory);
            for (int refresh = 1; refresh <= 5; refresh++) {
                tokens.save(new StoredAuthorization("remote", ClientIdentity.publicClient("client-1"),
                        new TokenSet(URI.create("https://idp.example.invalid"), URI.create("https://mcp.example.invalid/mcp"),
                                "at-" + refresh, Optional.of("rt-" + refresh), Optional.empty(), Optional.empty())));
            }
            String next = version(2);
            Files.writeString(file, next, StandardCharsets.UTF_8);

            awaitRequestFor(next);
        }
        // The one reload asked for is the config change; the file itself was never touched by the refreshes.
        assertThat(requested()).containsExactly(sha256(version(2)));
    }

    @Test
    void theWatchThreadStartsOnStartAndEndsOnClose() throws Exception {
        ConfigWatcher watcher = new ConfigWatcher(file, () -> Duration.ofMillis(50), applied, this::request, timers);
        assertThat(threadsNamed("zeroclaw-config-watch")).isEmpty();

        watcher.start();
        assertThat(threadsNamed("zeroclaw-config-watch")).hasSize(1);

        watcher.close();
        assertThat(threadsNamed("zeroclaw-config-watch")).isEmpty();
    }

    private ConfigWatcher started(Duration debounce) throws Exception {
        ConfigWatcher watcher = new ConfigWatcher(file, () -> debounce, applied, this::request, timers);
        watcher.start();
        return watcher;
    }

    /** The stand-in coordinator: records the file as it is now and reports at once that it read it (nothing is applied). */
    private CompletableFuture<ReloadReport> request(String trigger) {
        String sha256;
        try {
            sha256 = FileHash.sha256Hex(Files.readAllBytes(file));
        } catch (Exception e) {
            sha256 = "unreadable: " + e;
        }
        synchronized (requested) {
            requested.add(sha256);
            triggers.add(trigger);
            requested.notifyAll();
        }
        return CompletableFuture.completedFuture(
                new ReloadReport(requested().size(), trigger, sha256, 0, ReloadReport.NOTHING, Map.of(), List.of(), List.of()));
    }

    private void awaitRequestFor(String content) throws InterruptedException {
        String sha256 = sha256(content);
        long end = System.nanoTime() + DEADLINE.toNanos();
        synchronized (requested) {
            while (!requested.contains(sha256)) {
                long left = TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime());
                if (left <= 0) {
                    throw new AssertionError("no reload asked for within " + DEADLINE + "; asked: " + requested);
                }
                requested.wait(left);
            }
        }
    }

    private List<String> requested() {
        synchronized (requested) {
            return List.copyOf(requested);
        }
    }

    private static String version(int number) {
        return CONFIG + "\n[[mcp.servers]]\nname = \"v" + number + "\"\ncommand = \"node\"\n";
    }

    private static String sha256(String content) {
        return FileHash.sha256Hex(content.getBytes(StandardCharsets.UTF_8));
    }
}
