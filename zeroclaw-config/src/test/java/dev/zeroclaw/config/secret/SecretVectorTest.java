package dev.zeroclaw.config.secret;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The JDK cipher against values made by an independent implementation (python3-cryptography, see
 * {@code src/test/resources/secrets/make_vectors.py}): both directions, byte for byte.
 */
class SecretVectorTest {

    @TempDir
    Path dir;

    static List<JsonNode> vectors() throws IOException {
        try (InputStream in = SecretVectorTest.class.getResourceAsStream("/secrets/vectors.json")) {
            List<JsonNode> vectors = new ArrayList<>();
            new ObjectMapper().readTree(in).path("vectors").forEach(vectors::add);
            assertThat(vectors).hasSize(5);
            return vectors;
        }
    }

    @ParameterizedTest
    @MethodSource("vectors")
    void theIndependentValueDecryptsWithItsKeyFile(JsonNode vector) throws Exception {
        SecretFixture fixture = new SecretFixture(dir).key(HexFormat.of().parseHex(vector.path("key").asText()));

        assertThat(fixture.resolve(vector.path("value").asText())).isEqualTo(vector.path("plaintext").asText());
    }

    /** The enc2: vectors: the legacy enc: form is only ever read. */
    static List<JsonNode> enc2Vectors() throws IOException {
        return vectors().stream().filter(vector -> vector.path("value").asText().startsWith("enc2:")).toList();
    }

    @ParameterizedTest
    @MethodSource("enc2Vectors")
    void theJdkEncryptorWritesTheSameValue(JsonNode vector) {
        byte[] key = HexFormat.of().parseHex(vector.path("key").asText());
        byte[] nonce = HexFormat.of().parseHex(vector.path("nonce").asText());

        assertThat(SecretCipher.encrypt(key, vector.path("plaintext").asText(), nonce)).isEqualTo(vector.path("value").asText());
    }
}
