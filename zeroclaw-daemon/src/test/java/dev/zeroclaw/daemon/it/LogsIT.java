package dev.zeroclaw.daemon.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code zeroclaw logs}, {@code zeroclaw events} and {@code status}'s last stderr line, against the real daemon. */
class LogsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration DEADLINE = Duration.ofSeconds(30);
    private static final Duration CLI = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    @Test
    void logsFollowShowsTheServersLinesAndAfterItIsKilledTheNewInstanceMarkedThenItsLines() throws Exception {
        Path config = write(server("fs", "--stderr-every", "200"));
        try (RunningDaemon daemon = RunningDaemon.start(config, dir, Map.of())) {
            long pid = daemon.awaitReady("fs").get("fs");
            String runtime = daemon.runtimeDir().toString();
            // -n 0: no kept line comes first, so the first line printed is one the daemon read after the command asked.
            try (FollowingCli logs = FollowingCli.start("logs", "-f", "-n", "0", "fs", "--runtime-dir", runtime)) {
                Predicate<String> firstInstance = line -> line.contains(" fs[" + pid + "] fixture: tick ");
                FollowingCli.Seen live = logs.await("from fs, live", 0, DEADLINE, firstInstance);
                Duration latency = Duration.between(Instant.parse(live.line().substring(0, live.line().indexOf(' '))), Instant.now());
                System.out.println("LogsIT: a stderr line reached 'zeroclaw logs -f' " + latency.toMillis()
                        + " ms after the daemon read it");
                assertThat(latency).as("from the daemon's reading a line to its printing").isLessThan(Duration.ofSeconds(1));

                ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
                JsonNode restarted = daemon.awaitStatus("fs READY again under a new pid", status -> {
                    JsonNode fs = daemon.server(status, "fs");
                    return fs.path("state").asText().equals("READY") && fs.path("pid").asLong() != pid;
                });
                long newPid = daemon.server(restarted, "fs").path("pid").asLong();

                FollowingCli.Seen marker = logs.await("marking the new instance", live.index() + 1, DEADLINE,
                        line -> line.startsWith("--- fs instance 2 pid " + newPid + " started "));
                logs.await("from the new instance", marker.index() + 1, DEADLINE,
                        line -> line.contains(" fs[" + newPid + "] fixture: tick "));

                Zeroclaw.CliRun tail = Zeroclaw.cli(CLI, "logs", "fs", "-n", "500", "--runtime-dir", runtime);
                assertThat(tail.exitCode()).as(tail.err()).isZero();
                List<String> lines = tail.out().lines().toList();
                int firstMarker = indexOf(lines, line -> line.startsWith("--- fs instance 1 pid " + pid + " started "));
                int firstLine = indexOf(lines, firstInstance);
                int secondMarker = indexOf(lines, line -> line.startsWith("--- fs instance 2 pid " + newPid + " started "));
                int secondLine = indexOf(lines, line -> line.contains(" fs[" + newPid + "] fixture: tick "));
                assertThat(List.of(firstMarker, firstLine, secondMarker, secondLine)).as(tail.out()).doesNotContain(-1).isSorted();

                daemon.stop();
                assertThat(logs.awaitExit(DEADLINE)).as("exit code once the daemon has gone").isEqualTo(3);
                assertThat(logs.stderr()).contains("has gone away");
            }
        }
    }

    @Test
    void eventsFollowJsonReceivesStateChangesTheReloadReportAndAGatewaySessionWithoutItsToken() throws Exception {
        int port = ReferenceServers.freePort();
        Path config = write(ReferenceServers.gateway(port) + server("a"));
        try (RunningDaemon daemon = RunningDaemon.start(config, dir, Map.of())) {
            daemon.awaitReady("a");
            String runtime = daemon.runtimeDir().toString();
            try (FollowingCli events = FollowingCli.start("events", "-f", "--json", "--runtime-dir", runtime)) {
                events.await("a READY", 0, DEADLINE, line -> isState(line, "a", "READY"));

                write(ReferenceServers.gateway(port) + server("a") + server("b"));
                Zeroclaw.CliRun reload = Zeroclaw.cli(CLI, "reload", "--runtime-dir", runtime);
                assertThat(reload.exitCode()).as(reload.err()).isZero();

                FollowingCli.Seen report = events.await("the reload report", 0, DEADLINE,
                        line -> json(line).path("type").asText().equals("reload"));
                JsonNode document = json(report.line()).path("report");
                assertThat(document.path("ok").asBoolean()).isTrue();
                assertThat(document.path("trigger").asText()).isEqualTo("control");
                assertThat(document.path("added")).extracting(JsonNode::asText).containsExactly("b");
                assertThat(document.path("unchanged")).extracting(JsonNode::asText).containsExactly("a");
                events.await("b STARTING", 0, DEADLINE, line -> isState(line, "b", "STARTING"));
                FollowingCli.Seen ready = events.await("b READY", 0, DEADLINE, line -> isState(line, "b", "READY"));
                assertThat(json(ready.line()).path("previous").asText()).isEqualTo("STARTING");
                assertThat(json(ready.line()).path("time").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");

                String token = daemon.gatewayToken().orElseThrow();
                new GatewayClient(GatewayClient.endpoint(port), Optional.of(token)).initialize();
                FollowingCli.Seen opened = events.await("the gateway session", 0, DEADLINE,
                        line -> json(line).path("type").asText().equals("session_opened"));
                assertThat(json(opened.line()).path("client").asText()).isEqualTo("zeroclaw-it");
                assertThat(json(opened.line()).path("session").asText()).matches("[0-9a-f]{8}");
                assertThat(events.printed()).doesNotContain(token);
            }

            Zeroclaw.CliRun kept = Zeroclaw.cli(CLI, "events", "--runtime-dir", runtime);
            assertThat(kept.exitCode()).as(kept.err()).isZero();
            assertThat(kept.out()).contains("server b READY (was STARTING) pid ")
                    .containsPattern("reload \\d+ \\(control\\) applied in \\S+ ms: added=1 removed=0 restarted=0 updated=0 "
                            + "unchanged=1 failed=0");
        }
    }

    @Test
    void statusShowsAFailedServersLastStderrLineAndLogsShowsItOrRefusesAnUnknownServer() throws Exception {
        Path config = write(server("broken", "--fault", "crash-at-start") + "restart = \"never\"\n");
        try (RunningDaemon daemon = RunningDaemon.start(config, dir, Map.of())) {
            String runtime = daemon.runtimeDir().toString();
            JsonNode status = daemon.awaitStatus("broken FAILED with its last stderr line", s -> {
                JsonNode broken = daemon.server(s, "broken");
                return broken.path("state").asText().equals("FAILED") && broken.path("last_stderr").isObject();
            });
            JsonNode last = daemon.server(status, "broken").path("last_stderr");
            assertThat(last.path("line").asText()).isEqualTo("fixture: crashing at start as asked");
            assertThat(Instant.parse(last.path("time").asText())).isBefore(Instant.now().plusSeconds(1));

            Zeroclaw.CliRun human = Zeroclaw.cli(CLI, "status", "--runtime-dir", runtime);
            assertThat(human.out()).containsPattern("stderr broken \\(\\S+\\): fixture: crashing at start as asked");

            Zeroclaw.CliRun logs = Zeroclaw.cli(CLI, "logs", "broken", "--runtime-dir", runtime);
            assertThat(logs.exitCode()).as(logs.err()).isZero();
            assertThat(logs.out()).containsPattern("(?m)^--- broken instance 1 pid \\d+ started ")
                    .containsPattern("(?m)^\\S+ broken\\[\\d+\\] fixture: crashing at start as asked$");

            Zeroclaw.CliRun unknown = Zeroclaw.cli(CLI, "logs", "nosuch", "-f", "--runtime-dir", runtime);
            assertThat(unknown.exitCode()).isEqualTo(1);
            assertThat(unknown.err()).contains("unknown server 'nosuch'").contains("broken").doesNotContain("Exception");
        }
        Zeroclaw.CliRun none = Zeroclaw.cli(CLI, "logs", "fs", "--runtime-dir", dir.resolve("none").toString());
        assertThat(none.exitCode()).isEqualTo(3);
        assertThat(none.err()).contains("no zeroclaw daemon is running");
    }

    private static boolean isState(String line, String server, String state) {
        JsonNode event = json(line);
        return event.path("type").asText().equals("server_state") && event.path("server").asText().equals(server)
                && event.path("state").asText().equals(state);
    }

    private static JsonNode json(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new UncheckedIOException("not one JSON object per line: " + line, e);
        }
    }

    private static int indexOf(List<String> lines, Predicate<String> matches) {
        for (int i = 0; i < lines.size(); i++) {
            if (matches.test(lines.get(i))) {
                return i;
            }
        }
        return -1;
    }

    /** A fixture server entry. */
    private static String server(String name, String... options) {
        List<String> args = new ArrayList<>(List.of(Zeroclaw.FIXTURE.toString()));
        args.addAll(List.of(options));
        return "[[mcp.servers]]\nname = \"" + name + "\"\ncommand = \"node\"\nargs = " + Zeroclaw.toml(args) + "\n";
    }

    private Path write(String servers) throws IOException {
        Path config = dir.resolve("config.toml");
        return Files.writeString(config, servers);
    }
}
