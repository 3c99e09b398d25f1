package dev.zeroclaw.daemon.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zeroclaw.config.secret.SecretCipher;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Upstream's secret values on the real daemon: an {@code enc2:} value decrypted with the key beside
 * the file and an {@code op://} reference read through a fake {@code op} on the daemon's PATH reach
 * real stdio servers (server-everything's {@code get-env} shows them), and no log line, status or
 * reload report shows a plaintext. A reload resolves them again: a secret encrypted again restarts
 * nothing, a changed one restarts its server only.
 */
class SecretsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String GITHUB_ONE = "ghp-it-plaintext-one-7f1d";
    private static final String GITHUB_TWO = "ghp-it-plaintext-two-93ac";
    private static final String OP_ONE = "op-it-plaintext-one-c0de";
    private static final String OP_TWO = "op-it-plaintext-two-beef";

    @TempDir
    Path dir;

    private final byte[] key = new byte[SecretCipher.KEY_BYTES];
    private final List<String> seen = new ArrayList<>();

    private String config(int port, String github) {
        return ReferenceServers.gateway(port)
                + ReferenceServers.everything("github", "env = { API_KEY = \"" + SecretCipher.encrypt(key, github) + "\" }\n")
                + ReferenceServers.everything("vault", "env = { OP_TOKEN = \"op://Private/zeroclaw/token\" }\n")
                + ReferenceServers.everything("plain", "env = { LOG_LEVEL = \"info\" }\n");
    }

    @Test
    void secretsReachTheServersNeverTheOutputAndAReloadRestartsOnlyWhatChanged() throws Exception {
        new SecureRandom().nextBytes(key);
        Path keyFile = Files.writeString(dir.resolve(".secret_key"), HexFormat.of().formatHex(key) + "\n");
        Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-------"));
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path opValue = Files.writeString(dir.resolve("op-value"), OP_ONE + "\n");
        Path op = Files.writeString(bin.resolve("op"), "#!/bin/sh\n[ \"$1\" = read ] && [ \"$2\" = op://Private/zeroclaw/token ]"
                + " && exec cat " + opValue + "\necho \"op: unexpected $*\" >&2\nexit 1\n");
        Files.setPosixFilePermissions(op, PosixFilePermissions.fromString("rwxr-xr-x"));
        int port = ReferenceServers.freePort();
        Path config = Files.writeString(dir.resolve("config.toml"), config(port, GITHUB_ONE));

        try (RunningDaemon daemon = RunningDaemon.start(config, dir, Map.of("PATH", bin + ":" + System.getenv("PATH")))) {
            Map<String, Long> started = daemon.awaitReady("github", "vault", "plain");
            GatewayClient client = new GatewayClient(GatewayClient.endpoint(port), daemon.gatewayToken()).initialize();
            assertThat(environment(client, "github").path("API_KEY").asText()).isEqualTo(GITHUB_ONE);
            assertThat(environment(client, "vault").path("OP_TOKEN").asText()).isEqualTo(OP_ONE);

            // The same secret encrypted again (a new nonce): other bytes, the same launch hash.
            Files.writeString(config, config(port, GITHUB_ONE));
            JsonNode reEncrypted = reload(daemon);
            assertThat(reEncrypted.path("restarted")).isEmpty();
            assertThat(names(reEncrypted.path("unchanged"))).containsExactlyInAnyOrder("github", "vault", "plain");
            assertThat(daemon.awaitReady("github", "vault", "plain")).isEqualTo(started);

            // One server's secret changed in the file: that server restarts.
            Files.writeString(config, config(port, GITHUB_TWO));
            JsonNode changed = reload(daemon);
            assertThat(restarted(changed)).containsExactly("github:env.API_KEY");
            assertThat(names(changed.path("unchanged"))).containsExactlyInAnyOrder("vault", "plain");

            // The same bytes, a rotated op value: read again at the reload, that server restarts.
            Files.writeString(opValue, OP_TWO + "\n");
            JsonNode dryRun = reload(daemon, "--dry-run");
            JsonNode rotated = reload(daemon);
            assertThat(restarted(dryRun)).containsExactly("vault:env.OP_TOKEN");
            assertThat(restarted(rotated)).containsExactly("vault:env.OP_TOKEN");
            assertThat(names(rotated.path("unchanged"))).containsExactlyInAnyOrder("github", "plain");

            Map<String, Long> now = daemon.awaitReady("github", "vault", "plain");
            assertThat(now.get("plain")).isEqualTo(started.get("plain"));
            assertThat(now.get("github")).isNotEqualTo(started.get("github"));
            assertThat(now.get("vault")).isNotEqualTo(started.get("vault"));
            assertThat(environment(client, "github").path("API_KEY").asText()).isEqualTo(GITHUB_TWO);
            assertThat(environment(client, "vault").path("OP_TOKEN").asText()).isEqualTo(OP_TWO);

            Zeroclaw.CliRun status = Zeroclaw.cli(Duration.ofSeconds(60), "status", "--json", "--runtime-dir",
                    daemon.runtimeDir().toString());
            assertThat(status.exitCode()).as(status.err()).isZero();
            seen.add(status.out() + status.err());
            seen.add(daemon.status().toString());
            seen.add(daemon.log());
            assertThat(String.join("\n", seen)).doesNotContain(GITHUB_ONE).doesNotContain(GITHUB_TWO).doesNotContain(OP_ONE)
                    .doesNotContain(OP_TWO);
        }
    }

    /** What server-everything's get-env tool answers through the gateway: the server's own environment. */
    private static JsonNode environment(GatewayClient client, String server) throws Exception {
        JsonNode answer = client.callTool(server + "__get-env", JSON.createObjectNode());
        return JSON.readTree(answer.path("result").path("content").get(0).path("text").asText());
    }

    private JsonNode reload(RunningDaemon daemon, String... options) throws Exception {
        List<String> args = new ArrayList<>(List.of("reload", "--json", "--runtime-dir", daemon.runtimeDir().toString()));
        args.addAll(List.of(options));
        Zeroclaw.CliRun reload = Zeroclaw.cli(Duration.ofSeconds(90), args.toArray(String[]::new));
        seen.add(reload.out() + reload.err());
        assertThat(reload.exitCode()).as(reload.out() + reload.err() + daemon.log()).isZero();
        return JSON.readTree(reload.out());
    }

    private static List<String> restarted(JsonNode report) {
        List<String> changes = new ArrayList<>();
        report.path("restarted").forEach(change -> change.path("fields")
                .forEach(field -> changes.add(change.path("name").asText() + ":" + field.asText())));
        return changes;
    }

    private static List<String> names(JsonNode array) {
        List<String> names = new ArrayList<>();
        array.forEach(name -> names.add(name.asText()));
        return names;
    }
}
