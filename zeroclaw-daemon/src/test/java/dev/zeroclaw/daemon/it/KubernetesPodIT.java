package dev.zeroclaw.daemon.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zeroclaw.api.ServerSpec;
import dev.zeroclaw.config.ConfigParser;
import dev.zeroclaw.daemon.kubernetes.ManifestReview;
import dev.zeroclaw.daemon.kubernetes.Manifests;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pod of packaging/kubernetes as far as it runs without a cluster: the real daemon on the
 * ConfigMap's own config.toml, mounted the way the kubelet mounts a ConfigMap directory, asked by
 * the Deployment's own probe commands, and reloaded by the kubelet's {@code ..data} swap. Two
 * things differ from the pod, both only so that the test runs beside other work on this machine:
 * the gateway gets a free port, and {@code /opt/zeroclaw/bin/zeroclaw} is a script that runs the
 * built jar.
 */
class KubernetesPodIT {

    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(5);

    @TempDir
    Path dir;

    @Test
    void theProbesPassOnceTheDaemonIsReadyAndAConfigMapEditReloadsIt() throws Exception {
        ManifestReview pod = ManifestReview.of(Manifests.shipped(), Manifests.containerfile());
        assertThat(pod.problems()).isEmpty();
        int port = freePort();
        String config = runnableHere(pod, port);
        List<String> servers = new ConfigParser().parse("config.toml", config.getBytes(StandardCharsets.UTF_8))
                .runnableServers().stream().map(ServerSpec::name).toList();
        Path mount = Files.createDirectory(dir.resolve("etc-zeroclaw"));
        Path first = kubeletWrites(mount, "..2026_11_30_16_00_00.000000001", config);
        Files.createSymbolicLink(mount.resolve("..data"), first.getFileName());
        Path file = Files.createSymbolicLink(mount.resolve("config.toml"), Path.of("..data/config.toml"));
        String token = "k8s-test-token-" + Long.toHexString(System.nanoTime());
        Map<String, String> env = Map.of(pod.tokenVariable(), token);
        List<String> readiness = onPort(pod.probeCommand("readinessProbe"), pod.gatewayPort(), port);

        assertThat(probe(readiness, env)).as("the probe before the daemon listens").isNotZero();
        try (RunningDaemon daemon = RunningDaemon.start(file, dir, env)) {
            awaitProbe(readiness, env, daemon);
            assertThat(daemon.status().path("servers")).hasSize(servers.size());
            for (String other : List.of("startupProbe", "livenessProbe")) {
                assertThat(probe(onPort(pod.probeCommand(other), pod.gatewayPort(), port), env)).as(other).isZero();
            }
            assertThat(probe(readiness, Map.of(pod.tokenVariable(), token + "x"))).as("with another token").isNotZero();
            assertThat(probe(readiness, Map.of(pod.tokenVariable(), token + "\n"))).as("with a final newline").isZero();

            // The kubelet's update of a ConfigMap volume: a new timestamped directory, a new link
            // ..data_tmp to it renamed over ..data (atomic), then the old directory removed.
            String edited = config + "\n[[mcp.servers]]\nname = \"added\"\ncommand = \"" + launcher() + "\"\n"
                    + "args = [\"demo-server\", \"--name\", \"added\", \"--tools\", \"echo\"]\n";
            Path second = kubeletWrites(mount, "..2026_11_30_16_01_00.000000002", edited);
            Path link = Files.createSymbolicLink(mount.resolve("..data_tmp"), second.getFileName());
            Files.move(link, mount.resolve("..data"), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            Files.delete(first.resolve("config.toml"));
            Files.delete(first);

            daemon.awaitLog("reload id=\\d+ trigger=file-watch added=1 removed=0 restarted=0");
            daemon.awaitReady("added");
            assertThat(daemon.log()).doesNotContain(token);
            assertThat(daemon.stop().exitCode()).isZero();
        }
    }

    /** The ConfigMap's config.toml with a free port and the launcher of this build. */
    private String runnableHere(ManifestReview pod, int port) throws IOException {
        String shipped = pod.configText();
        String config = shipped.replace(":" + pod.gatewayPort() + "\"", ":" + port + "\"")
                .replace("\"/opt/zeroclaw/bin/zeroclaw\"", "\"" + launcher() + "\"");
        assertThat(config).as("the port and the launcher were replaced").doesNotContain(":" + pod.gatewayPort() + "\"")
                .doesNotContain("\"/opt/zeroclaw/");
        return config;
    }

    /** {@code /opt/zeroclaw/bin/zeroclaw} of the image, here: the built jar, started lean. */
    private Path launcher() throws IOException {
        Path launcher = dir.resolve("image/bin/zeroclaw");
        if (!Files.exists(launcher)) {
            Files.createDirectories(launcher.getParent());
            Files.writeString(launcher, "#!/bin/sh\nexec '" + Zeroclaw.JAVA + "' -XX:TieredStopAtLevel=1 -XX:+UseSerialGC"
                    + " -Xss512k -jar '" + Zeroclaw.JAR + "' \"$@\"\n");
            Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        return launcher;
    }

    private static Path kubeletWrites(Path mount, String name, String config) throws IOException {
        Path version = Files.createDirectory(mount.resolve(name));
        Files.writeString(version.resolve("config.toml"), config);
        return version;
    }

    private static List<String> onPort(List<String> command, int shipped, int port) {
        List<String> moved = command.stream().map(part -> part.replace(Integer.toString(shipped), Integer.toString(port))).toList();
        assertThat(moved).as("the probe names the gateway's port").isNotEqualTo(command);
        return moved;
    }

    /** Runs a probe's command as the kubelet does in the container: its exit code, 0 for success. */
    private int probe(List<String> command, Map<String, String> env) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("probe.out").toFile());
        builder.environment().putAll(env);
        Process process = builder.start();
        if (!process.waitFor(PROBE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            return -1;
        }
        return process.exitValue();
    }

    private void awaitProbe(List<String> command, Map<String, String> env, RunningDaemon daemon) throws Exception {
        long end = System.nanoTime() + RunningDaemon.DEADLINE.toNanos();
        while (probe(command, env) != 0) {
            assertThat(daemon.isAlive()).as("the daemon runs\n%s", daemon.log()).isTrue();
            assertThat(System.nanoTime()).as("the readiness probe passed in time\n%s", daemon.log()).isLessThan(end);
            Thread.sleep(200);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
