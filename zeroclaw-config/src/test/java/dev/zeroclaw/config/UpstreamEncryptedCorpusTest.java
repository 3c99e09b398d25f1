package dev.zeroclaw.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zeroclaw.api.ServerSpec;
import dev.zeroclaw.config.secret.SecretResolver;
import dev.zeroclaw.config.secret.SecretSources;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The corpus's encrypted files, made by an independent implementation (Debian's
 * python3-cryptography, {@code upstream/enc2/generate_enc2.py}) with the key beside them, resolve
 * to the plaintexts the generator wrote: zeroclaw decrypts what upstream encrypts.
 */
class UpstreamEncryptedCorpusTest {

    private static final Path CORPUS = Path.of("src/test/resources/upstream/enc2");

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"env.toml", "headers.toml", "legacy-enc.toml"})
    void resolvesToTheGeneratorsPlaintexts(String file) throws Exception {
        // Git keeps no file mode: the key gets upstream's 0600 here, as `zeroclaw` demands.
        Path key = Files.copy(CORPUS.resolve(SecretSources.KEY_FILE_NAME), dir.resolve(SecretSources.KEY_FILE_NAME));
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
        Path config = Files.copy(CORPUS.resolve(file), dir.resolve(file));
        JsonNode expected = new ObjectMapper().readTree(CORPUS.resolve("expected-plaintexts.json").toFile()).path(file);

        ParsedConfig parsed = new ConfigParser().read(config.toString(), Files.readAllBytes(config));
        ParsedConfig resolved = parsed.resolveSecrets(SecretResolver.of(
                new SecretSources(Map.of(), dir, SecretSources.DEFAULT_OP_TIMEOUT)));

        Map<String, String> secrets = new HashMap<>();
        for (ServerSpec server : resolved.config().servers()) {
            secrets.putAll(server.env());
            server.headers().forEach((name, value) -> secrets.put(name.toUpperCase(Locale.ROOT), value));
        }
        assertThat(parsed.holdsSecretReferences()).isTrue();
        // The generator's names are labels; the plaintexts are what must come back.
        expected.fields().forEachRemaining(entry -> assertThat(secrets.values()).contains(entry.getValue().asText()));
        assertThat(secrets.values()).noneMatch(value -> value.startsWith("enc2:") || value.startsWith("enc:"));
    }
}
