package dev.zeroclaw.benchmarks.reload;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The daemon's test fixture, {@code mcp-fixture.js}: a real MCP server on stdio, run by Node.js.
 * The benchmarks run it with {@code --fault none --tools 3}.
 */
final class FixtureServer {

    /** Overrides where the script is; else it is looked up from the working directory upwards. */
    static final String PROPERTY = "zeroclaw.fixture";

    private static final Path IN_REPOSITORY = Path.of("zeroclaw-daemon", "src", "test", "resources", "fixtures", "mcp-fixture.js");

    private FixtureServer() {}

    /** {@code servers} servers that run {@code node <script> --fault none --tools 3} over stdio. */
    static FleetConfig fleet(int servers) {
        return new FleetConfig("stdio", "node",
                List.of(script().toString(), "--fault", "none", "--tools", "" + FleetServer.TOOLS), servers);
    }

    /** @throws IllegalStateException when the script is not found, saying how to point at it */
    static Path script() {
        String configured = System.getProperty(PROPERTY);
        if (configured != null) {
            Path script = Path.of(configured).toAbsolutePath();
            if (!Files.isRegularFile(script)) {
                throw new IllegalStateException("-D" + PROPERTY + "=" + configured + " is not a file");
            }
            return script;
        }
        for (Path directory = Path.of("").toAbsolutePath(); directory != null; directory = directory.getParent()) {
            Path script = directory.resolve(IN_REPOSITORY);
            if (Files.isRegularFile(script)) {
                return script;
            }
        }
        throw new IllegalStateException("the fixture server " + IN_REPOSITORY + " was not found from "
                + Path.of("").toAbsolutePath() + "; run the benchmarks from the repository, or name the script with "
                + "java -D" + PROPERTY + "=PATH -jar benchmarks.jar");
    }
}
