package dev.zeroclaw.daemon.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the real daemon and CLI do with a config that cannot be one (3 GiB, a FIFO), and with a SIGHUP that comes
 * while the daemon is still starting.
 */
class ReloadLimitsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration CLI_DEADLINE = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    @Test
    void aHugeConfigFailsTheReloadWithTheCapAndTheNextReloadWorksOnceTheFileIsFixed() throws Exception {
        String good = "[[mcp.servers]]\nname = \"keep\"\n" + Zeroclaw.fixtureServer("none", 2);
        Path config = Files.writeString(dir.resolve("config.toml"), good);
        try (RunningDaemon daemon = RunningDaemon.start(config, dir, Map.of())) {
            long keep = daemon.awaitReady("keep").get("keep");
            // The reproduction: truncate -s 3G c && mv c config.toml && zeroclaw reload
            Path huge = dir.resolve("c");
            try (RandomAccessFile file = new RandomAccessFile(huge.toFile(), "rw")) {
                file.setLength(3L << 30);
            }
            Files.move(huge, config, StandardCopyOption.REPLACE_EXISTING);

            Zeroclaw.CliRun refused = reload(daemon);

            assertThat(refused.exitCode()).as(refused.out() + refused.err()).isEqualTo(1);
            assertThat(refused.out() + refused.err()).contains("16 MiB").contains("3.0 GiB");
            assertThat(daemon.awaitReady("keep")).containsEntry("keep", keep);

            // A FIFO at the config path: refused at once, not read (which would wait for a writer forever).
            Files.delete(config);
            mkfifo(config);
            Zeroclaw.CliRun fifo = reload(daemon);
            assertThat(fifo.exitCode()).as(fifo.out() + fifo.err()).isEqualTo(1);
            assertThat(fifo.out() + fifo.err()).contains("named pipe (FIFO), not a regular file");

            Files.delete(config);
            Files.writeString(config, good + "[[mcp.servers]]\nname = \"added\"\n" + Zeroclaw.fixtureServer("none", 1));
            Zeroclaw.CliRun fixed = reload(daemon);

            assertThat(fixed.exitCode()).as(fixed.out() + fixed.err() + daemon.log()).isZero();
            JsonNode report = JSON.readTree(fixed.out());
            assertThat(report.path("added").toString()).isEqualTo("[\"added\"]");
            assertThat(daemon.awaitReady("keep", "added")).containsEntry("keep", keep);
        }
    }

    @Test
    void configCheckAndDiffRefuseAHugeFileAndAFifoInOneLine() throws Exception {
        Path good = Files.writeString(dir.resolve("good.toml"), "[[mcp.servers]]\nname = \"a\"\n"
                + Zeroclaw.fixtureServer("none", 1));
        Path huge = dir.resolve("huge.toml");
        try (RandomAccessFile file = new RandomAccessFile(huge.toFile(), "rw")) {
            file.setLength(3L << 30);
        }
        Path fifo = dir.resolve("fifo.toml");
        mkfifo(fifo);

        for (Path bad : List.of(huge, fifo)) {
            String why = bad.equals(huge) ? "over the 16 MiB limit" : "named pipe (FIFO), not a regular file";
            Zeroclaw.CliRun check = Zeroclaw.cli(CLI_DEADLINE, "config", "check", "--config", bad.toString());
            assertThat(check.exitCode()).as(check.err()).isEqualTo(1);
            assertOneLine(check.err(), bad, why);

            Zeroclaw.CliRun diff = Zeroclaw.cli(CLI_DEADLINE, "diff", good.toString(), bad.toString());
            assertThat(diff.exitCode()).as(diff.err()).isEqualTo(2);
            assertOneLine(diff.err(), bad, why);
        }
    }

    @Test
    void aSighupDuringStartUpIsDeferredNotDroppedAndMakesOneReload() throws Exception {
        // A demo server is a JVM of its own: seconds before it is READY, so the HUPs land in the daemon's start.
        Path config = Files.writeString(dir.resolve("config.toml"), "[[mcp.servers]]\nname = \"slow\"\n"
                + Zeroclaw.demoServer("slow", "clock"));
        Path classes = dir.resolve("classes.log");
        try (RunningDaemon daemon = RunningDaemon.start(config, dir, Map.of(), List.of(),
                List.of("-Xlog:class+load=info:file=" + classes))) {
            // At once: as soon as the command line is being parsed, long before the old handler (seconds later).
            awaitClassLoaded(daemon, classes, "picocli.CommandLine ");
            daemon.signal("HUP");
            // Again mid-start: the control socket answers, the server is not READY yet.
            daemon.awaitStatus("the control socket", status -> true);
            daemon.signal("HUP");

            daemon.awaitReady("slow");
            daemon.awaitLog("reload id=1 trigger=sighup ");
            assertThat(daemon.isAlive()).isTrue();
            Zeroclaw.CliRun reload = reload(daemon);
            assertThat(reload.exitCode()).as(reload.err()).isZero();
            // The HUPs of the start-up made one reload: this one is the second.
            assertThat(JSON.readTree(reload.out()).path("id").asInt(-1)).as(reload.out()).isEqualTo(2);
            assertThat(daemon.log()).doesNotContain("trigger=sighup+");
        }
    }

    private static Zeroclaw.CliRun reload(RunningDaemon daemon) throws Exception {
        return Zeroclaw.cli(CLI_DEADLINE, "reload", "--json", "--runtime-dir", daemon.runtimeDir().toString());
    }

    /** One line says what is wrong (the count line "FILE: 1 error" may follow), and no stack trace. */
    private static void assertOneLine(String err, Path file, String why) {
        assertThat(err.lines().filter(line -> !line.endsWith(": 1 error"))).as(err)
                .singleElement().asString().startsWith(file + ": ").contains(why);
        assertThat(err).doesNotContain("Exception").doesNotContain("Error").doesNotContain("\tat ");
    }

    private static void mkfifo(Path path) throws Exception {
        Process mkfifo = new ProcessBuilder("mkfifo", path.toString()).inheritIO().start();
        assertThat(mkfifo.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(mkfifo.exitValue()).isZero();
    }

    /** Polls the JVM's class-load log until {@code className} (followed by a space) is in it. */
    private static void awaitClassLoaded(RunningDaemon daemon, Path log, String className) throws Exception {
        long end = System.nanoTime() + RunningDaemon.DEADLINE.toNanos();
        while (System.nanoTime() < end) {
            assertThat(daemon.isAlive()).as("the daemon is alive while starting\n" + daemon.log()).isTrue();
            if (Files.exists(log) && Files.readString(log, StandardCharsets.ISO_8859_1).contains(className)) {
                return;
            }
            Thread.sleep(5);
        }
        throw new AssertionError("the daemon never loaded " + className);
    }
}
