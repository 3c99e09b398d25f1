package dev.zeroclaw.daemon.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example socket plugin, a jar that is not on the daemon's class path, dropped into a plugins
 * folder: it serves a real MCP server, survives unrelated reloads, and when its folder is removed
 * only its servers fail.
 */
class PluginIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path PLUGIN_JAR = Path.of(System.getProperty("zeroclaw.socket.plugin")).toAbsolutePath();

    @TempDir
    Path dir;

    @Test
    void aPluginServesItsServerSurvivesUnrelatedReloadsAndItsRemovalFailsOnlyItsServers() throws Exception {
        Path plugins = dir.resolve("plugins");
        Path socketPlugin = Files.createDirectories(plugins.resolve("socket"));
        Files.copy(PLUGIN_JAR, socketPlugin.resolve(PLUGIN_JAR.getFileName()));
        Files.createDirectories(plugins.resolve("unfinished"));
        try (StdioOverTcp everything = StdioOverTcp.serve(List.of(EverythingServer.BIN.toString(), "stdio"))) {
            Path config = Files.writeString(dir.resolve("config.toml"), config(everything.port(), 30));
            try (RunningDaemon daemon = RunningDaemon.start(config, dir, Map.of(), List.of("--plugin-dir", plugins.toString()))) {
                Map<String, Long> pids = daemon.awaitReady("sock", "clock");
                daemon.awaitState("ghost", "FAILED");
                JsonNode status = daemon.status();

                JsonNode sock = daemon.server(status, "sock");
                assertThat(sock.path("transport").asText()).isEqualTo("socket");
                assertThat(sock.path("tools").asInt()).isEqualTo(EverythingServer.TOOLS);
                assertThat(daemon.server(status, "ghost").path("last_error").asText()).isEqualTo(
                        "no transport provider named 'websocket' is installed (installed: http, socket, sse, stdio;"
                                + " plugins are read from " + plugins + ")");
                assertThat(daemon.log()).contains("plugin folder " + plugins.resolve("unfinished") + " holds no jar");

                Zeroclaw.CliRun transports = Zeroclaw.cli(Duration.ofSeconds(30), "transports", "--plugin-dir", plugins.toString());
                assertThat(transports.exitCode()).as("the unfinished folder is a problem").isEqualTo(1);
                assertThat(transports.out()).containsPattern("socket\\s+plugin " + plugins.resolve("socket"))
                        .containsPattern("http\\s+built-in ").containsPattern("stdio\\s+built-in ");
                assertThat(transports.err()).contains("holds no jar");

                // An unrelated change leaves the plugin's server alone.
                Files.writeString(config, config(everything.port(), 60));
                JsonNode unrelated = reload(daemon, 0);
                assertThat(unrelated.path("unchanged")).extracting(JsonNode::asText).contains("sock");
                assertThat(unrelated.path("updated").get(0).path("name").asText()).isEqualTo("clock");
                JsonNode afterUnrelated = daemon.server(daemon.status(), "sock");
                assertThat(afterUnrelated.path("state").asText()).isEqualTo("READY");
                assertThat(afterUnrelated.path("restarts").asInt()).isZero();
                assertThat(everything.connections()).isEqualTo(1);

                // The plugin's own option: a change restarts its server only, naming the option.
                Files.writeString(config, config(everything.port(), 60, "options = { connect_timeout_ms = 2000 }\n"));
                JsonNode option = reload(daemon, 0);
                assertThat(option.path("restarted")).singleElement().satisfies(restarted -> {
                    assertThat(restarted.path("name").asText()).isEqualTo("sock");
                    assertThat(restarted.path("fields")).extracting(JsonNode::asText).containsExactly("options.connect_timeout_ms");
                });
                assertThat(option.path("unchanged")).extracting(JsonNode::asText).contains("clock", "ghost");
                daemon.awaitReady("sock");

                // A bad value of it is refused where it was written, by config check and by a reload alike.
                Files.writeString(config, config(everything.port(), 60, "options = { connect_timeout_ms = 0 }\n"));
                String badOption = config + ":7:34: 'options.connect_timeout_ms' must be between 1 and 600000"
                        + " (milliseconds), got 0";
                Zeroclaw.CliRun check = Zeroclaw.cli(Duration.ofSeconds(30), "config", "check", "--config", config.toString(),
                        "--plugin-dir", plugins.toString());
                assertThat(check.exitCode()).isEqualTo(1);
                assertThat(check.err()).contains(badOption);
                Zeroclaw.CliRun refused = Zeroclaw.cli(Duration.ofSeconds(60), "reload", "--runtime-dir",
                        daemon.runtimeDir().toString());
                assertThat(refused.exitCode()).as(refused.out() + refused.err()).isEqualTo(1);
                assertThat(refused.err()).contains(badOption).contains("nothing was touched");
                Zeroclaw.CliRun dryRun = Zeroclaw.cli(Duration.ofSeconds(60), "reload", "--dry-run", "--runtime-dir",
                        daemon.runtimeDir().toString());
                assertThat(dryRun.exitCode()).as("a dry run refuses what the reload refuses: " + dryRun.out() + dryRun.err())
                        .isEqualTo(1);
                assertThat(dryRun.err()).contains(badOption);
                Files.writeString(config, config(everything.port(), 60, "options = { connect_timeout_ms = 2000 }\n"));

                // Removing the plugin's folder fails its server, and only its server.
                delete(socketPlugin);
                JsonNode removal = reload(daemon, 2);

                String gone = "no transport provider named 'socket' is installed: its plugin " + socketPlugin + " was removed";
                assertThat(removal.path("restarted").get(0).path("name").asText()).isEqualTo("sock");
                assertThat(removal.path("restarted").get(0).path("fields")).extracting(JsonNode::asText)
                        .containsExactly("transport.provider");
                assertThat(removal.path("failed")).singleElement().satisfies(failed -> {
                    assertThat(failed.path("name").asText()).isEqualTo("sock");
                    assertThat(failed.path("error").asText()).isEqualTo(gone);
                });
                JsonNode after = daemon.status();
                assertThat(daemon.server(after, "sock").path("state").asText()).isEqualTo("FAILED");
                assertThat(daemon.server(after, "sock").path("last_error").asText()).isEqualTo(gone);
                assertThat(daemon.server(after, "clock").path("state").asText()).isEqualTo("READY");
                assertThat(daemon.server(after, "clock").path("pid").asLong()).isEqualTo(pids.get("clock"));
                daemon.awaitStatus("the socket server's process ended with its connection", s -> everything.running() == 0);
            }
        }
    }

    private static String config(int port, int clockToolTimeout) {
        return config(port, clockToolTimeout, "");
    }

    /** @param sockOptions line 7 of the file, when not empty */
    private static String config(int port, int clockToolTimeout, String sockOptions) {
        return "[mcp]\nplugin_dir = \"/nonexistent/--plugin-dir-wins\"\n"
                + "[[mcp.servers]]\nname = \"sock\"\ntransport = \"socket\"\nurl = \"tcp://127.0.0.1:" + port + "\"\n"
                + sockOptions
                + "[[mcp.servers]]\nname = \"clock\"\n" + Zeroclaw.demoServer("clock", "clock")
                + "tool_timeout_secs = " + clockToolTimeout + "\n"
                + "[[mcp.servers]]\nname = \"ghost\"\ntransport = \"websocket\"\nurl = \"ws://127.0.0.1:1/mcp\"\n";
    }

    private static JsonNode reload(RunningDaemon daemon, int exitCode) throws Exception {
        Zeroclaw.CliRun reload = Zeroclaw.cli(Duration.ofSeconds(60), "reload", "--json", "--runtime-dir",
                daemon.runtimeDir().toString());
        assertThat(reload.exitCode()).as(reload.out() + reload.err()).isEqualTo(exitCode);
        return JSON.readTree(reload.out());
    }

    private static void delete(Path tree) throws Exception {
        try (Stream<Path> paths = Files.walk(tree)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
