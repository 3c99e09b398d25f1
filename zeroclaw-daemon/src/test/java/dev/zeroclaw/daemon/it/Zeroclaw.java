package dev.zeroclaw.daemon.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The built product as a user runs it: the shaded jar, started as a separate process. */
final class Zeroclaw {

    static final Path ROOT = Path.of(System.getProperty("zeroclaw.root.dir")).toAbsolutePath().normalize();
    static final Path JAR = Path.of(System.getProperty("zeroclaw.jar")).toAbsolutePath();
    static final String JAVA = ProcessHandle.current().info().command().orElse("java");
    static final Path FIXTURE = ROOT.resolve("zeroclaw-daemon/src/test/resources/fixtures/mcp-fixture.js");

    private Zeroclaw() {}

    /** A TOML array of strings. */
    static String toml(List<String> values) {
        StringBuilder out = new StringBuilder("[");
        for (String value : values) {
            if (out.length() > 1) {
                out.append(", ");
            }
            out.append('"').append(value.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
        }
        return out.append(']').toString();
    }

    /** {@code command = ...} and {@code args = ...} lines of a fixture server with one fault. */
    static String fixtureServer(String fault, int tools) {
        return "command = \"node\"\nargs = " + toml(List.of(FIXTURE.toString(), "--fault", fault, "--tools", Integer.toString(tools))) + "\n";
    }

    /** {@code command = ...} and {@code args = ...} lines of zeroclaw's own demo server. */
    static String demoServer(String name, String tools) {
        return "command = " + toml(List.of(JAVA)).replace("[", "").replace("]", "") + "\nargs = "
                + toml(List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xss512k", "-jar", JAR.toString(),
                        "demo-server", "--name", name, "--tools", tools)) + "\n";
    }

    /** Runs {@code zeroclaw ARGS} to completion, as a separate process. */
    static CliRun cli(Duration deadline, String... args) throws IOException, InterruptedException {
        return cli(deadline, Map.of(), args);
    }

    /** As {@link #cli(Duration, String...)}, with these environment variables set for it. */
    static CliRun cli(Duration deadline, Map<String, String> environment, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(JAVA, "-jar", JAR.toString()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile("zeroclaw-cli", ".out");
        Path err = Files.createTempFile("zeroclaw-cli", ".err");
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().putAll(environment);
        Process process = builder.start();
        if (!process.waitFor(deadline.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("zeroclaw " + String.join(" ", args) + " did not finish within " + deadline);
        }
        CliRun run = new CliRun(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
        Files.deleteIfExists(out);
        Files.deleteIfExists(err);
        return run;
    }

    record CliRun(int exitCode, String out, String err) {}
}
