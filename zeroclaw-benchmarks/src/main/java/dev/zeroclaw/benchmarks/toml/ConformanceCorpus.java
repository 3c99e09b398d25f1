package dev.zeroclaw.benchmarks.toml;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/** toml-test's cases for TOML 1.0.0, as its {@code files-toml-1.0.0} lists them. */
public final class ConformanceCorpus {

    private ConformanceCorpus() {}

    public static List<ConformanceCase> toml10(Path root) throws IOException {
        Path list = root.resolve("files-toml-1.0.0");
        if (!Files.isRegularFile(list)) {
            throw new IOException(list + " not found: give the toml-test directory (the one holding files-toml-1.0.0)");
        }
        return Files.readAllLines(list).stream()
                .map(String::strip)
                .filter(line -> line.endsWith(".toml"))
                .map(name -> new ConformanceCase(name, root.resolve(name)))
                .collect(Collectors.toUnmodifiableList());
    }
}
