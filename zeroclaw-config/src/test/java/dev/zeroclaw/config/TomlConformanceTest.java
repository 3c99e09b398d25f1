package dev.zeroclaw.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.tomlj.TomlTable;

/**
 * Runs the TOML project's own conformance corpus (toml-test, the TOML 1.0 file list) through
 * {@link TomlSource}: every valid file must parse to the expected values, every invalid file must be
 * rejected, except the cases listed with a reason in {@code toml-1.0.0-exceptions.txt}. A listed
 * case that starts to pass fails the test too, so the list cannot go stale.
 */
class TomlConformanceTest {

    private static final String FILE_LIST = "files-toml-1.0.0";
    private static final String EXCEPTIONS = "/toml-1.0.0-exceptions.txt";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void tomlSourceConformsToToml10() throws IOException {
        Path corpus = corpus();
        List<String> cases = Files.readAllLines(corpus.resolve(FILE_LIST), StandardCharsets.UTF_8).stream()
                .map(String::strip)
                .filter(line -> line.endsWith(".toml"))
                .toList();
        Map<String, String> exceptions = knownExceptions();

        int validTotal = 0;
        int validPassed = 0;
        int invalidTotal = 0;
        int invalidPassed = 0;
        List<String> unexpected = new ArrayList<>();
        List<String> stale = new ArrayList<>();
        for (String path : cases) {
            boolean valid = path.startsWith("valid/");
            Optional<String> failure = valid ? validFailure(corpus, path) : invalidFailure(corpus, path);
            if (valid) {
                validTotal++;
                validPassed += failure.isEmpty() ? 1 : 0;
            } else {
                invalidTotal++;
                invalidPassed += failure.isEmpty() ? 1 : 0;
            }
            boolean listed = exceptions.containsKey(path);
            if (failure.isPresent() && !listed) {
                unexpected.add(path + ": " + failure.get());
            } else if (failure.isEmpty() && listed) {
                stale.add(path + " now passes: remove it from " + EXCEPTIONS);
            }
        }
        TreeSet<String> unknown = new TreeSet<>(exceptions.keySet());
        cases.forEach(unknown::remove);
        unknown.forEach(path -> stale.add(path + " is not in " + FILE_LIST + ": remove it from " + EXCEPTIONS));

        System.out.printf(
                "TOML 1.0 conformance: valid %d/%d parsed with matching values, invalid %d/%d rejected, %d known exceptions%n",
                validPassed, validTotal, invalidPassed, invalidTotal, exceptions.size());
        assertThat(unexpected).as("conformance failures not listed in " + EXCEPTIONS).isEmpty();
        assertThat(stale).as("stale entries in " + EXCEPTIONS).isEmpty();
    }

    private static Optional<String> validFailure(Path corpus, String path) throws IOException {
        TomlTable table;
        try {
            table = TomlSource.parse(path, Files.readAllBytes(corpus.resolve(path)));
        } catch (ConfigException e) {
            return Optional.of("rejected: " + e.getMessage());
        }
        String jsonPath = path.substring(0, path.length() - ".toml".length()) + ".json";
        JsonNode expected = JSON.readTree(corpus.resolve(jsonPath).toFile());
        return TaggedJson.mismatch("", table, expected);
    }

    private static Optional<String> invalidFailure(Path corpus, String path) throws IOException {
        try {
            TomlTable table = TomlSource.parse(path, Files.readAllBytes(corpus.resolve(path)));
            return Optional.of("accepted, parsed as " + table.toMap());
        } catch (ConfigException e) {
            return Optional.empty();
        }
    }

    private static Path corpus() {
        String shared = System.getProperty("zeroclaw.shared.dir");
        assertThat(shared)
                .as("system property zeroclaw.shared.dir (set by the root pom's surefire configuration)")
                .isNotNull();
        Path corpus = Path.of(shared, "conformance", "toml-test");
        assertThat(corpus.resolve(FILE_LIST))
                .as("the toml-test corpus must be at %s (../shared/conformance/toml-test beside the repository)",
                        corpus)
                .isRegularFile();
        return corpus;
    }

    private static Map<String, String> knownExceptions() throws IOException {
        Map<String, String> exceptions = new LinkedHashMap<>();
        try (InputStream in = TomlConformanceTest.class.getResourceAsStream(EXCEPTIONS)) {
            assertThat(in).as(EXCEPTIONS + " on the test class path").isNotNull();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                String entry = line.strip();
                if (entry.isEmpty() || entry.startsWith("#")) {
                    continue;
                }
                int hash = entry.indexOf(" # ");
                assertThat(hash).as("exception without a ' # reason': " + entry).isPositive();
                exceptions.put(entry.substring(0, hash).strip(), entry.substring(hash + 3).strip());
            }
        }
        return exceptions;
    }
}
