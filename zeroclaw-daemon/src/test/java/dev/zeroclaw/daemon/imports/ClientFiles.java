package dev.zeroclaw.daemon.imports;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** The client files of {@code src/test/resources/imports}, copied where a test wants them, and their secrets. */
public final class ClientFiles {

    /** Every literal secret value of the files: none may appear outside the TOML that carries it. */
    public static final List<String> SECRETS = List.of("ghp_claude0secret0value0123456789", "wx-claude-key-7f3a",
            "cursor-api-key-91c2", "geo-cursor-key-55aa");

    /** The home directory of the tests' environment. */
    public static final Path HOME = Path.of("/home/ada");

    private ClientFiles() {}

    /** Copies resource {@code imports/NAME} to {@code target}, creating its directories. */
    public static Path copy(String name, Path target) throws IOException {
        Files.createDirectories(target.getParent());
        try (InputStream in = ClientFiles.class.getResourceAsStream("/imports/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource imports/" + name);
            }
            Files.write(target, in.readAllBytes());
        }
        return target;
    }

    /** An environment with {@link #HOME}, no XDG variables and {@code workDir}. */
    public static ImportEnvironment environment(Path workDir) {
        return new ImportEnvironment(Map.of(), HOME, workDir);
    }
}
