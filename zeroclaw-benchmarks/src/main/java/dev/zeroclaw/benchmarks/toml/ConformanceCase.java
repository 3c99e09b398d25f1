package dev.zeroclaw.benchmarks.toml;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;

/**
 * One file of toml-test.
 *
 * @param name the path inside the corpus, as {@code files-toml-1.0.0} lists it:
 *     {@code valid/array/empty.toml}
 * @param file where the file is
 */
public record ConformanceCase(String name, Path file) {

    public ConformanceCase {
        requireNonNull(name, "name is null");
        requireNonNull(file, "file is null");
        if (!name.startsWith("valid/") && !name.startsWith("invalid/")) {
            throw new IllegalArgumentException("neither valid/ nor invalid/: " + name);
        }
    }

    /** A valid case must be accepted with its expected values; an invalid one must be rejected. */
    public boolean valid() {
        return name.startsWith("valid/");
    }

    /** The expected values of a valid case, in toml-test's tagged JSON. */
    public Path expectation() {
        String fileName = file.getFileName().toString();
        return file.resolveSibling(fileName.substring(0, fileName.length() - ".toml".length()) + ".json");
    }
}
