package dev.zeroclaw.daemon.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Moving in from another client, as a user does it: the real command, the default files, then the daemon. */
class ImportIT {

    private static final Duration CLI_DEADLINE = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    @Test
    void aClaudeDesktopUsersServersRunUnderTheDaemonAfterImportWrite() throws Exception {
        Path home = dir.resolve("home");
        Path memoryFile = dir.resolve("memory-graph-7731.jsonl");
        Path claude = home.resolve(".config/Claude/claude_desktop_config.json");
        Files.createDirectories(claude.getParent());
        Files.writeString(claude, """
                {
                  "globalShortcut": "Ctrl+Space",
                  "mcpServers": {
                    "memory": {"command": "node", "args": [%s], "env": {"MEMORY_FILE_PATH": %s}},
                    "everything": {"command": "node", "args": [%s, "stdio"]}
                  }
                }
                """.formatted(json(ReferenceServers.MEMORY), json(memoryFile), json(ReferenceServers.EVERYTHING)));
        Path configDir = dir.resolve("zeroclaw");
        Files.createDirectories(configDir);
        Path config = Files.writeString(configDir.resolve("config.toml"), ReferenceServers.gateway(ReferenceServers.freePort()));
        // HOME and ZEROCLAW_CONFIG_DIR alone say where both files are: no FILE, no --config.
        Map<String, String> environment = Map.of("HOME", home.toString(), "XDG_CONFIG_HOME", "",
                "ZEROCLAW_CONFIG_DIR", configDir.toString());

        Zeroclaw.CliRun imported = Zeroclaw.cli(CLI_DEADLINE, environment, "import", "claude-desktop", "--write");

        assertThat(imported.exitCode()).as(imported.err()).isZero();
        assertThat(imported.out()).startsWith("added to " + config + ": 2 servers (memory, everything)\n");
        assertThat(imported.err()).contains("warning: server 'memory': env.MEMORY_FILE_PATH carried over as a literal secret");
        assertThat(imported.out() + imported.err()).doesNotContain(memoryFile.getFileName().toString());
        try (RunningDaemon daemon = RunningDaemon.start(config, dir, Map.of())) {
            daemon.awaitReady("memory", "everything");
            assertThat(daemon.log()).doesNotContain(memoryFile.getFileName().toString());
        }
    }

    @Test
    void initWritesTheStarterWhereTheDaemonLooksAndNeverTwice() throws Exception {
        Path configDir = dir.resolve("fresh/zeroclaw");
        Path config = configDir.resolve("config.toml");
        Map<String, String> environment = Map.of("ZEROCLAW_CONFIG_DIR", configDir.toString());

        Zeroclaw.CliRun init = Zeroclaw.cli(CLI_DEADLINE, environment, "init");
        Zeroclaw.CliRun check = Zeroclaw.cli(CLI_DEADLINE, environment, "config", "check");
        Zeroclaw.CliRun again = Zeroclaw.cli(CLI_DEADLINE, environment, "init");

        assertThat(init.exitCode()).as(init.err()).isZero();
        assertThat(init.out()).isEqualTo("wrote " + config + "\nnext: zeroclaw config check, then zeroclaw daemon\n");
        assertThat(Files.readAllBytes(config)).isEqualTo(Files.readAllBytes(Zeroclaw.ROOT.resolve("examples/config.toml")));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(config))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(configDir))).isEqualTo("rwx------");
        assertThat(check.exitCode()).as(check.err()).isZero();
        assertThat(check.out()).startsWith(config + ": valid, 3 servers");
        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.err()).contains(config + " already exists; nothing written");
        assertThat(Files.readAllBytes(config)).isEqualTo(Files.readAllBytes(Zeroclaw.ROOT.resolve("examples/config.toml")));
    }

    private static String json(Path path) throws JsonProcessingException {
        return new ObjectMapper().writeValueAsString(path.toString());
    }
}
