package dev.zeroclaw.daemon.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs one of the tests' Node.js client scripts, whose last line on stdout is a JSON summary. */
final class NodeScript {

    private static final ObjectMapper JSON = new ObjectMapper();

    private NodeScript() {}

    /**
     * Runs {@code script} (under src/test/resources) from the repository root with {@code env};
     * asserts it finished in time and exited 0, showing its stderr and the daemon's log if not.
     */
    static JsonNode run(String script, Map<String, String> env, Path dir, RunningDaemon daemon) throws Exception {
        String name = Path.of(script).getFileName().toString();
        Path out = dir.resolve(name + ".out");
        Path err = dir.resolve(name + ".err");
        ProcessBuilder builder = new ProcessBuilder("node", Zeroclaw.ROOT.resolve("zeroclaw-daemon/src/test/resources").resolve(script)
                .toString())
                .directory(Zeroclaw.ROOT.toFile())
                .redirectOutput(out.toFile())
                .redirectError(err.toFile());
        builder.environment().putAll(env);
        Process client = builder.start();
        boolean finished = client.waitFor(RunningDaemon.DEADLINE.toSeconds() * 2, TimeUnit.SECONDS);
        if (!finished) {
            client.destroyForcibly();
        }
        String stderr = Files.readString(err, StandardCharsets.UTF_8);
        assertThat(finished).as("the client finished; stderr:\n" + stderr + "\ndaemon log:\n" + daemon.log()).isTrue();
        assertThat(client.exitValue()).as("client exit; stderr:\n" + stderr + "\ndaemon log:\n" + daemon.log()).isZero();
        List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
        return JSON.readTree(lines.get(lines.size() - 1));
    }
}
