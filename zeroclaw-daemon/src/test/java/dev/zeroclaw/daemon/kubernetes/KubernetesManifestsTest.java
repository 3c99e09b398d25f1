package dev.zeroclaw.daemon.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * packaging/kubernetes as a reviewer reads it ({@link ManifestReview}): the shipped manifests pass,
 * and each mistake a reviewer looks for, made in a copy of them, is found and named.
 */
class KubernetesManifestsTest {

    @TempDir
    Path copy;

    @Test
    void theShippedManifestsPassTheReview() throws IOException {
        ManifestReview review = ManifestReview.of(Manifests.shipped(), Manifests.containerfile());

        assertThat(review.problems()).isEmpty();
        assertThat(review.gatewayPort()).isEqualTo(8765);
        assertThat(review.tokenVariable()).isEqualTo("ZEROCLAW_GATEWAY_TOKEN");
    }

    @Test
    void theSecretKeysComeFromTheGeneratorWithoutItsFile() throws IOException {
        Manifests manifests = Manifests.load(Manifests.shipped());

        assertThat(Files.exists(manifests.directory().resolve("gateway-token"))).as("the token file is never committed").isFalse();
        assertThat(manifests.secretKeys("zeroclaw-gateway")).contains(Set.of("token"));
        assertThat(manifests.secretKeys("another")).isEmpty();
    }

    @Test
    void aConfigErrorIsReportedAtItsLineAndColumnInTheYamlFile() throws IOException {
        copyManifests();
        change("configmap.yaml", "    auto_reload = true", "    auto_reloda = true");

        assertThat(review().problems()).anySatisfy(problem -> assertThat(problem)
                .startsWith("configmap.yaml:16:5: ").contains("auto_reloda"));
        assertThat(Files.readAllLines(copy.resolve("configmap.yaml")).get(15)).startsWith("    auto_reloda");
    }

    static Stream<Arguments> mistakes() {
        return Stream.of(
                mistake("a subPath mount of the ConfigMap", "deployment.yaml",
                        "mountPath: /etc/zeroclaw\n", "mountPath: /etc/zeroclaw/config.toml\n              subPath: config.toml\n",
                        "subPath"),
                mistake("--config outside the ConfigMap's mount", "deployment.yaml",
                        "\"/etc/zeroclaw/config.toml\"", "\"/etc/config.toml\"", "not in the ConfigMap's mount"),
                mistake("--config naming a key the ConfigMap lacks", "deployment.yaml",
                        "\"/etc/zeroclaw/config.toml\"", "\"/etc/zeroclaw/zeroclaw.toml\"", "has no such key"),
                mistake("no --config", "deployment.yaml",
                        "args: [\"daemon\", \"--config\", \"/etc/zeroclaw/config.toml\"]", "args: [\"daemon\"]", "no --config"),
                mistake("a command that replaces tini", "deployment.yaml",
                        "args: [\"daemon\"", "command: [\"/opt/zeroclaw/bin/zeroclaw\"]\n          args: [\"daemon\"", "entrypoint"),
                mistake("auto_reload off", "configmap.yaml", "auto_reload = true", "auto_reload = false", "auto_reload"),
                mistake("a loopback gateway", "configmap.yaml", "0.0.0.0:8765", "127.0.0.1:8765", "0.0.0.0"),
                mistake("no auth_token_env", "configmap.yaml",
                        "auth_token_env = \"ZEROCLAW_GATEWAY_TOKEN\"", "", "auth_token_env"),
                mistake("the token written in the Deployment", "deployment.yaml",
                        "valueFrom:\n                secretKeyRef:\n                  name: zeroclaw-gateway\n                  key: token",
                        "value: not-a-secret", "secretKeyRef"),
                mistake("a Secret key that does not exist", "deployment.yaml", "key: token", "key: bearer", "no such key"),
                mistake("a Secret that is not made", "deployment.yaml",
                        "name: zeroclaw-gateway", "name: gateway-token", "does not make"),
                mistake("a probe on another path", "deployment.yaml", "GET /healthz", "GET /health", "does not ask /healthz"),
                mistake("a probe on another port", "deployment.yaml",
                        "/dev/tcp/127.0.0.1/8765", "/dev/tcp/127.0.0.1/8080", "port 8765"),
                mistake("a probe without the token", "deployment.yaml",
                        "\"${ZEROCLAW_GATEWAY_TOKEN//[[:space:]]/}\"", "\"$TOKEN\"", "401"),
                mistake("an httpGet probe", "deployment.yaml",
                        "readinessProbe:\n            exec:", "readinessProbe:\n            httpGet: {path: /healthz, port: gateway}\n            x-exec:",
                        "401"),
                mistake("no liveness probe", "deployment.yaml", "livenessProbe:", "x-livenessProbe:", "no livenessProbe"),
                mistake("a startup probe too short for the servers' start", "deployment.yaml",
                        "failureThreshold: 45", "failureThreshold: 5", "startupProbe gives the daemon 10 s"),
                mistake("a Service that targets another port", "service.yaml", "targetPort: gateway", "targetPort: 8080", "targetPort"),
                mistake("a Service that selects other pods", "service.yaml",
                        "selector:\n    app.kubernetes.io/name: zeroclaw", "selector:\n    app.kubernetes.io/name: other",
                        "does not select"),
                mistake("replicas without session affinity", "service.yaml", "sessionAffinity: ClientIP", "sessionAffinity: None",
                        "unknown session"),
                mistake("root allowed", "deployment.yaml", "runAsNonRoot: true", "runAsNonRoot: false", "runAsNonRoot"),
                mistake("a uid the image does not know", "deployment.yaml", "runAsUser: 10001", "runAsUser: 1000", "uid of the image"),
                mistake("a writable root filesystem", "deployment.yaml",
                        "readOnlyRootFilesystem: true", "readOnlyRootFilesystem: false", "readOnlyRootFilesystem"),
                mistake("privilege escalation", "deployment.yaml",
                        "allowPrivilegeEscalation: false", "allowPrivilegeEscalation: true", "allowPrivilegeEscalation"),
                mistake("capabilities kept", "deployment.yaml", "drop: [\"ALL\"]", "drop: [\"NET_RAW\"]", "capabilities"),
                mistake("service links", "deployment.yaml", "enableServiceLinks: false", "enableServiceLinks: true", "ZEROCLAW_PORT"),
                mistake("the runtime directory on the read-only root", "deployment.yaml",
                        "value: /run/zeroclaw\n", "value: /run/other\n", "XDG_RUNTIME_DIR"),
                mistake("HOME that is not the image user's home", "deployment.yaml",
                        "value: /var/lib/zeroclaw\n", "value: /tmp/home\n", "home directory /var/lib/zeroclaw"),
                mistake("no /tmp", "deployment.yaml", "mountPath: /tmp", "mountPath: /scratch", "/tmp"),
                mistake("no memory limit", "deployment.yaml", "memory: 512Mi", "ephemeral-storage: 512Mi", "limits.memory"),
                mistake("a memory limit below the heap", "deployment.yaml", "memory: 512Mi", "memory: 300Mi", "heap cap"),
                mistake("a grace period shorter than the stop", "deployment.yaml",
                        "terminationGracePeriodSeconds: 30", "terminationGracePeriodSeconds: 10", "terminationGracePeriodSeconds"),
                mistake("a budget for other pods", "poddisruptionbudget.yaml",
                        "matchLabels:\n      app.kubernetes.io/name: zeroclaw", "matchLabels:\n      app: zeroclaw",
                        "PodDisruptionBudget's selector"),
                mistake("a budget that blocks drains", "poddisruptionbudget.yaml", "maxUnavailable: 1", "minAvailable: 2",
                        "drain"));
    }

    private static Arguments mistake(String what, String file, String from, String to, String expected) {
        return Arguments.of(what, file, from, to, expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mistakes")
    void eachMistakeIsFound(String what, String file, String from, String to, String expected) throws IOException {
        copyManifests();
        change(file, from, to);

        assertThat(review().problems()).as(what).anySatisfy(problem -> assertThat(problem).startsWith(file).contains(expected));
    }

    private void copyManifests() throws IOException {
        try (Stream<Path> files = Files.list(Manifests.shipped())) {
            for (Path file : files.toList()) {
                Files.copy(file, copy.resolve(file.getFileName()));
            }
        }
    }

    /** Replaces the first {@code from} in {@code file}; a mistake that changes nothing would prove nothing. */
    private void change(String file, String from, String to) throws IOException {
        Path path = copy.resolve(file);
        String text = Files.readString(path);
        int at = text.indexOf(from);
        assertThat(at).as("%s contains %s", file, from).isNotNegative();
        Files.writeString(path, text.substring(0, at) + to + text.substring(at + from.length()));
    }

    private ManifestReview review() throws IOException {
        return ManifestReview.of(copy, Manifests.containerfile());
    }
}
