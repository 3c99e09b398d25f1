package dev.zeroclaw.daemon.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs one of the tests' Node.js client scripts, whose last line on stdout is a JSON summary. */
final class NodeScript {

    private static final ObjectMapper JSON = new ObjectMapper();

    private NodeScript() {}

    /**
     * {@link #run} of a script whose client runs {@code zeroclaw connect} against {@code daemon}: its
     * environment has {@code ZC_JAVA}, {@code ZC_JAR} and {@code ZC_RUNTIME_DIR} besides {@code env}.
     */
    static JsonNode runConnected(String script, Map<String, String> env, Path dir, RunningDaemon daemon) throws Exception {
        Map<String, String> all = new HashMap<>(env);
        all.put("ZC_JAVA", Zeroclaw.JAVA);
        all.put("ZC_JAR", Zeroclaw.JAR.toString());
        all.put("ZC_RUNTIME_DIR", daemon.runtimeDir().toString());
        return run(script, all, dir, daemon);
    }

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
