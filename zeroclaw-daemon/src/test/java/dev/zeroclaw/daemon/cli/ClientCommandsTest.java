package dev.zeroclaw.daemon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zeroclaw.daemon.control.ControlClient;
import dev.zeroclaw.daemon.control.ControlServer;
import dev.zeroclaw.daemon.report.JsonTree;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code status} and {@code reload} print the same bytes and exit with the same code whether {@link Main}
 * ran them before picocli ({@link ClientCommands#run}) or picocli did ({@link Main#execute}); and their
 * {@code --json} output is what databind wrote for the same reply before the client path existed.
 */
class ClientCommandsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String STATUS = """
            {"ok":true,"pid":4242,"config":"/etc/zeroclaw/config.toml","config_sha256":"9f2c4d1e0b7a6c5d4e3f2a1b0c9d8e7f",
             "uptime_ms":5434567,"servers":[
              {"name":"fs","prefix":"fs","transport":"stdio","state":"READY","pid":4243,"uptime_ms":80110,"restarts":0,
               "replacements":2,"tools":11,"last_error":null},
              {"name":"github.com","prefix":"github_com","transport":"http","state":"BACKOFF","pid":null,"uptime_ms":0,
               "restarts":3,"replacements":0,"tools":0,"last_error":"exited with status 4: \\"bad\\" token \\u00e9\\u2028"}],
             "gateway":{"url":"http://127.0.0.1:8765/mcp","auth":"token","sessions":2,"streams":1,"error":null,
              "calls":{"fs":{"calls":12,"errors":1},"github_com":{"calls":9007199254740993,"errors":0}}}}
            """;
    private static final String RELOAD = """
            {"ok":true,"id":7,"trigger":"control","config_sha256":"0123456789abcdef0123","duration_ms":3.1,
             "warnings":[{"file":"/etc/zeroclaw/config.toml","line":4,"column":1,"message":"unused key"}],
             "added":["new"],"removed":["gone"],"restarted":[{"name":"fs","fields":["env.API_KEY","args"]}],
             "updated":[{"name":"tune","fields":["tool_timeout_secs"]}],"unchanged":["keep"],
             "failed":[{"name":"new","error":"did not answer initialize within 30 s"}],"errors":[]}
            """;
    private static final String DRY_RUN = """
            {"ok":true,"trigger":"control","config_sha256":"abc","added":[],"removed":[],"restarted":[],"updated":[],
             "unchanged":["a","b"],"failed":[],"errors":[]}
            """;
    private static final String INVALID = """
            {"ok":false,"id":8,"trigger":"control","config_sha256":"","duration_ms":0.25,"added":[],"removed":[],
             "restarted":[],"updated":[],"unchanged":[],"failed":[],
             "errors":[{"file":"/etc/zeroclaw/config.toml","line":3,"column":9,"message":"unknown key 'comand'"}]}
            """;

    @TempDir
    Path runtimeDir;

    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
    private ControlServer server;

    @AfterEach
    void close() {
        if (server != null) {
            server.close();
        }
        timers.shutdownNow();
    }

    @Test
    void statusPrintsTheSameTableAndDocumentOnBothPaths() throws IOException {
        answer(STATUS, RELOAD, DRY_RUN);

        Run table = bothPaths("status", "--runtime-dir", runtimeDir.toString());
        Run document = bothPaths("status", "--json", "--runtime-dir=" + runtimeDir);

        assertThat(table.exitCode).isZero();
        assertThat(table.out).startsWith("zeroclaw pid 4242, up 1h30m, config /etc/zeroclaw/config.toml (sha256 9f2c4d1e0b7a)\n")
                .contains("gateway http://127.0.0.1:8765/mcp (auth token), 2 sessions, 1 notification streams\n")
                .contains("calls fs=12 (1 errors) github_com=9007199254740993 (0 errors)\n")
                .contains("NAME        TRANSPORT  STATE    PID   UPTIME  RESTARTS  REPLACED  TOOLS  LAST ERROR\n")
                .contains("fs          stdio      READY    4243  1m20s   0         2         11     -\n")
                .contains("github.com  http       BACKOFF  -     -       3         0         0      exited with status 4");
        assertThat(document.exitCode).isZero();
        assertThat(document.out).isEqualTo(databind(STATUS) + System.lineSeparator());
    }

    @Test
    void reloadAndItsDryRunPrintTheSameReportOnBothPaths() throws IOException {
        answer(STATUS, RELOAD, DRY_RUN);

        Run reload = bothPaths("reload", "--runtime-dir", runtimeDir.toString());
        Run reloadJson = bothPaths("reload", "--json", "--runtime-dir", runtimeDir.toString());
        Run dryRun = bothPaths("reload", "--runtime-dir", runtimeDir.toString(), "--dry-run");
        Run dryRunJson = bothPaths("reload", "--dry-run", "--json", "--runtime-dir", runtimeDir.toString());

        assertThat(reload.exitCode).isEqualTo(ExitCodes.RELOAD_SOME_SERVERS_FAILED);
        assertThat(reload.out).isEqualTo("""
                reload 7 (control) in 3.1 ms, config sha256 0123456789ab
                /etc/zeroclaw/config.toml:4:1: warning: unused key
                1 added, 1 removed, 1 restarted, 1 updated, 1 unchanged
                  + new
                  - gone
                  ~ fs (restart: env.API_KEY, args)
                  * tune (update: tool_timeout_secs)
                  ! new failed: did not answer initialize within 30 s
                """);
        assertThat(reloadJson.exitCode).isEqualTo(ExitCodes.RELOAD_SOME_SERVERS_FAILED);
        assertThat(reloadJson.out).isEqualTo(databind(RELOAD) + System.lineSeparator());
        assertThat(dryRun.exitCode).isZero();
        assertThat(dryRun.out).isEqualTo("dry run (nothing applied), config sha256 abc\nno change: 2 servers unchanged\n");
        assertThat(dryRunJson.out).isEqualTo(databind(DRY_RUN) + System.lineSeparator());
    }

    @Test
    void anInvalidConfigAndARefusalGoToStderrWithTheirCodesOnBothPaths() throws IOException {
        answer("{\"ok\":false,\"error\":\"unknown command 'status'\"}", INVALID, "{\"ok\":false,\"error\":\"the daemon is stopping\"}");

        Run refused = bothPaths("status", "--runtime-dir", runtimeDir.toString());
        Run invalid = bothPaths("reload", "--runtime-dir", runtimeDir.toString());
        Run invalidJson = bothPaths("reload", "--json", "--runtime-dir", runtimeDir.toString());
        Run stopping = bothPaths("reload", "--dry-run", "--runtime-dir", runtimeDir.toString());

        assertThat(refused.exitCode).isEqualTo(ExitCodes.STATUS_REFUSED);
        assertThat(refused.err).isEqualTo("zeroclaw: the daemon refused: unknown command 'status'" + System.lineSeparator());
        assertThat(invalid.exitCode).isEqualTo(ExitCodes.RELOAD_INVALID);
        assertThat(invalid.out).isEmpty();
        assertThat(invalid.err).isEqualTo("/etc/zeroclaw/config.toml:3:9: unknown key 'comand'\n"
                + "reload refused: the config is invalid; nothing was touched, the previous configuration keeps running\n");
        assertThat(invalidJson.exitCode).isEqualTo(ExitCodes.RELOAD_INVALID);
        assertThat(invalidJson.out).isEqualTo(databind(INVALID) + System.lineSeparator());
        assertThat(stopping.exitCode).isEqualTo(ExitCodes.RELOAD_INVALID);
        assertThat(stopping.err).isEqualTo("zeroclaw: the daemon is stopping" + System.lineSeparator());
    }

    @Test
    void noDaemonExitsWithThreeOnBothPaths() {
        Run status = bothPaths("status", "--runtime-dir", runtimeDir.toString());
        Run reload = bothPaths("reload", "--dry-run", "--json", "--runtime-dir", runtimeDir.toString());

        assertThat(status.exitCode).isEqualTo(ExitCodes.DAEMON_UNREACHABLE).isEqualTo(3);
        assertThat(status.err).isEqualTo("zeroclaw: no zeroclaw daemon is running: there is no control socket at "
                + runtimeDir.resolve(ControlClient.SOCKET_NAME) + System.lineSeparator());
        assertThat(reload.exitCode).isEqualTo(3);
        assertThat(reload.out).isEmpty();
    }

    @Test
    void whatTheClientPathDoesNotTakeGoesToPicocli() {
        List<String[]> others = List.of(
                new String[] {"status", "--help"}, new String[] {"reload", "-h"}, new String[] {"status", "--version"},
                new String[] {"status", "--dry-run"}, new String[] {"status", "--json", "--json"},
                new String[] {"reload", "--runtime-dir"}, new String[] {"reload", "--runtime-dir", "--json"},
                new String[] {"status", "--runtime-dir="}, new String[] {"status", "@options"},
                new String[] {"status", "--runtime-dir", "a", "--runtime-dir", "b"}, new String[] {"status", "extra"},
                new String[] {"statu"}, new String[] {"daemon"}, new String[] {});
        for (String[] args : others) {
            assertThat(ClientCommands.run(args, new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter())))
                    .as(String.join(" ", args)).isEqualTo(ClientCommands.NOT_HANDLED);
        }
        // picocli's own words for a mistake, as before the client path existed
        CommandLineRun mistake = CommandLineRun.of("status", "--dry-run");
        assertThat(mistake.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(mistake.err()).contains("Unknown option: '--dry-run'");
    }

    @Test
    void theTreeWritesWhatDatabindWritesForTheSameText() throws IOException {
        List<String> documents = new ArrayList<>(List.of(STATUS, RELOAD, DRY_RUN, INVALID,
                "{\"i\":2147483647,\"l\":2147483648,\"n\":-9223372036854775808,\"big\":123456789012345678901234567890,"
                        + "\"d\":1.0,\"e\":1e10,\"f\":-0.0,\"g\":0.1,\"h\":1.5E-7,\"t\":true,\"x\":false,\"z\":null}",
                "[\"\\u0000\\t\\n/\\\\\\ud83d\\ude00\",[],{},[[1]],{\"a\":{\"b\":[null]}}]",
                "{\"same\":1,\"other\":2,\"same\":3}", "\"text\"", "42", "  {\"a\" : [ 1 , 2 ] }  "));
        for (String document : documents) {
            assertThat(JsonTree.parse(document).toJson()).as(document).isEqualTo(databind(document));
        }
    }

    @Test
    void theTreeReadsValuesAsDatabindsNodesDo() throws IOException {
        String document = "{\"n\":3,\"d\":2.5,\"s\":\"7\",\"t\":true,\"z\":null,\"a\":[1,2],\"o\":{\"k\":\"v\"},\"f\":\" false \"}";
        JsonTree tree = JsonTree.parse(document);
        JsonNode node = JSON.readTree(document);
        for (String field : List.of("n", "d", "s", "t", "z", "a", "o", "f", "missing")) {
            assertThat(tree.path(field).asText()).as(field).isEqualTo(node.path(field).asText());
            assertThat(tree.path(field).asText("dflt")).as(field).isEqualTo(node.path(field).asText("dflt"));
            assertThat(tree.path(field).asLong()).as(field).isEqualTo(node.path(field).asLong());
            assertThat(tree.path(field).asInt()).as(field).isEqualTo(node.path(field).asInt());
            assertThat(tree.path(field).asDouble()).as(field).isEqualTo(node.path(field).asDouble());
            assertThat(tree.path(field).asBoolean(true)).as(field).isEqualTo(node.path(field).asBoolean(true));
            assertThat(tree.path(field).asBoolean()).as(field).isEqualTo(node.path(field).asBoolean());
            assertThat(tree.path(field).isNull()).as(field).isEqualTo(node.path(field).isNull());
            assertThat(tree.path(field).isEmpty()).as(field).isEqualTo(node.path(field).isEmpty());
            assertThat(tree.path(field).size()).as(field).isEqualTo(node.path(field).size());
            assertThat(tree.has(field)).as(field).isEqualTo(node.has(field));
        }
    }

    /** A control server whose status, reload and dry-run replies are these documents. */
    private void answer(String status, String reload, String dryRun) throws IOException {
        JsonNode statusReply = JSON.readTree(status);
        JsonNode reloadReply = JSON.readTree(reload);
        JsonNode dryRunReply = JSON.readTree(dryRun);
        server = new ControlServer(runtimeDir.resolve(ControlClient.SOCKET_NAME), request -> {
            if (request.path("command").asText().equals("status")) {
                return statusReply;
            }
            return request.path("dry_run").asBoolean() ? dryRunReply : reloadReply;
        }, JSON, timers);
        server.start();
    }

    private static String databind(String document) throws IOException {
        return JSON.writeValueAsString(JSON.readTree(document));
    }

    /** Runs {@code args} on both paths, checks they agree to the byte and the code, and returns the one run. */
    private static Run bothPaths(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exitCode = ClientCommands.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        Run client = new Run(exitCode, out.toString(), err.toString());
        CommandLineRun picocli = CommandLineRun.of(args);

        assertThat(client.exitCode).as("the client path took " + String.join(" ", args)).isNotEqualTo(ClientCommands.NOT_HANDLED);
        assertThat(client).as(String.join(" ", args)).isEqualTo(new Run(picocli.exitCode(), picocli.out(), picocli.err()));
        return client;
    }

    private record Run(int exitCode, String out, String err) {}
}
