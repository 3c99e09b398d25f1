package dev.zeroclaw.daemon.reload;

import static dev.zeroclaw.daemon.reload.ReloadFixture.DEADLINE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.zeroclaw.config.secret.SecretCipher;
import dev.zeroclaw.daemon.config.ConfigSnapshot;
import dev.zeroclaw.diff.ServerChange;
import dev.zeroclaw.supervisor.ServerState;
import dev.zeroclaw.supervisor.ServerSupervisor;
import dev.zeroclaw.testing.InMemoryTransportProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A reload with secret references: the same bytes may stand for other secrets, so the file is
 * resolved again and the per-server diff decides; what resolves to what runs touches nothing.
 */
class SecretReloadTest {

    private static final byte[] KEY = HexFormat.of().parseHex("11".repeat(32));

    @TempDir
    Path directory;

    private static String server(String name, String token) {
        return "\n[[mcp.servers]]\nname = \"" + name + "\"\ntransport = \"" + InMemoryTransportProvider.NAME
                + "\"\ncommand = \"in-memory\"\nrestart = \"never\"\nenv = { TOKEN = \"" + token + "\" }\n";
    }

    private String fileReferences() {
        return "[mcp]\nenabled = true\n" + server("a", "${file:" + directory.resolve("a-token") + "}")
                + server("b", "${file:" + directory.resolve("b-token") + "}");
    }

    @Test
    void aChangedSecretBehindTheSameBytesRestartsOnlyItsServer() throws Exception {
        Files.writeString(directory.resolve("a-token"), "a-one\n");
        Files.writeString(directory.resolve("b-token"), "b-one\n");
        try (ReloadFixture fixture = new ReloadFixture(directory, fileReferences())) {
            ReloadCoordinator coordinator = fixture.coordinator(report -> {});
            ServerSupervisor b = fixture.registry.find("b").orElseThrow();
            Files.writeString(directory.resolve("a-token"), "a-two\n");

            ReloadReport dryRun = coordinator.dryRun();
            ReloadReport report = get(coordinator.request("sighup"));

            assertThat(dryRun.plan().restart()).extracting(ServerChange::name).containsExactly("a");
            assertThat(report.ok()).isTrue();
            assertThat(report.plan().restart()).singleElement().satisfies(change -> {
                assertThat(change.name()).isEqualTo("a");
                assertThat(change.fields()).containsExactly("env.TOKEN");
            });
            assertThat(report.plan().unchanged()).containsExactly("b");
            assertThat(fixture.registry.find("b").orElseThrow()).isSameAs(b);
            assertThat(fixture.applied.get().config().server("a").orElseThrow().env()).containsEntry("TOKEN", "a-two");
            assertThat(report.toString() + report.logLine()).doesNotContain("a-one").doesNotContain("a-two");
        }
    }

    @Test
    void theSameSecretsBehindTheSameBytesAreANoOp() throws Exception {
        Files.writeString(directory.resolve("a-token"), "a-one\n");
        Files.writeString(directory.resolve("b-token"), "b-one\n");
        try (ReloadFixture fixture = new ReloadFixture(directory, fileReferences())) {
            ReloadCoordinator coordinator = fixture.coordinator(report -> {});
            ConfigSnapshot before = fixture.applied.get();

            ReloadReport dryRun = coordinator.dryRun();
            ReloadReport report = get(coordinator.request("sighup"));

            assertThat(dryRun.plan().isEmpty()).isTrue();
            assertThat(report.plan().isEmpty()).isTrue();
            assertThat(report.plan().unchanged()).containsExactly("a", "b");
            assertThat(fixture.applied.get()).isSameAs(before);
        }
    }

    @Test
    void aSecretThatCannotBeResolvedAnyMoreRefusesTheReloadAndTouchesNothing() throws Exception {
        Files.writeString(directory.resolve("a-token"), "a-one\n");
        Files.writeString(directory.resolve("b-token"), "b-one\n");
        try (ReloadFixture fixture = new ReloadFixture(directory, fileReferences())) {
            ReloadCoordinator coordinator = fixture.coordinator(report -> {});
            ConfigSnapshot before = fixture.applied.get();
            Files.delete(directory.resolve("b-token"));

            ReloadReport report = get(coordinator.request("sighup"));

            assertThat(report.ok()).isFalse();
            assertThat(report.errors()).singleElement().hasToString(fixture.file + ":16:17: env.TOKEN of server 'b': the file "
                    + directory.resolve("b-token") + " does not exist");
            assertThat(fixture.applied.get()).isSameAs(before);
            assertThat(fixture.state("a")).isEqualTo(ServerState.READY);
            assertThat(fixture.state("b")).isEqualTo(ServerState.READY);
        }
    }

    @Test
    void aSecretEncryptedAgainUnderARotatedKeyRestartsNothing() throws Exception {
        Path key = directory.resolve(".secret_key");
        writeKey(key, KEY);
        try (ReloadFixture fixture = new ReloadFixture(directory, "[mcp]\nenabled = true\n"
                + server("a", SecretCipher.encrypt(KEY, "a-secret")) + server("b", SecretCipher.encrypt(KEY, "b-secret")))) {
            ReloadCoordinator coordinator = fixture.coordinator(report -> {});
            byte[] rotated = HexFormat.of().parseHex("22".repeat(32));
            writeKey(key, rotated);
            fixture.write("[mcp]\nenabled = true\n" + server("a", SecretCipher.encrypt(rotated, "a-secret"))
                    + server("b", SecretCipher.encrypt(rotated, "b-changed")));

            ReloadReport report = get(coordinator.request("sighup"));

            assertThat(report.ok()).as(report.errors().toString()).isTrue();
            assertThat(report.plan().restart()).extracting(ServerChange::name).containsExactly("b");
            assertThat(report.plan().unchanged()).containsExactly("a");
        }
    }

    private static void writeKey(Path file, byte[] key) throws Exception {
        Files.writeString(file, HexFormat.of().formatHex(key));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    }

    private static ReloadReport get(CompletableFuture<ReloadReport> future) throws Exception {
        return future.get(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
    }
}
