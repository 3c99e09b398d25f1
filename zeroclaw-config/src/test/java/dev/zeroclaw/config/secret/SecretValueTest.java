package dev.zeroclaw.config.secret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SecretValueTest {

    @Test
    void upstreamFormsTakeTheWholeValue() throws SecretException {
        assertThat(SecretValue.parse("enc2:00ff")).isEqualTo(new SecretValue.Encrypted("00ff"));
        assertThat(SecretValue.parse("enc:00ff")).isEqualTo(new SecretValue.LegacyEncrypted("00ff"));
        assertThat(SecretValue.parse("op://vault/item/field")).isEqualTo(new SecretValue.OnePassword("op://vault/item/field"));
        assertThat(SecretValue.parse("op://vault/item/section/field"))
                .isEqualTo(new SecretValue.OnePassword("op://vault/item/section/field"));
    }

    @Test
    void deploymentReferencesStandAloneOrInsideText() throws SecretException {
        assertThat(SecretValue.parse("${env:GITHUB_TOKEN}")).isEqualTo(new SecretValue.EnvironmentVariable("GITHUB_TOKEN"));
        assertThat(SecretValue.parse("${file:/run/secrets/token}")).isEqualTo(new SecretValue.SecretFile("/run/secrets/token"));
        assertThat(SecretValue.parse("${credential:github-token}")).isEqualTo(new SecretValue.Credential("github-token"));
        assertThat(SecretValue.parse("Bearer ${credential:t} (${env:USER})")).isEqualTo(new SecretValue.Template(List.of(
                new SecretValue.Literal("Bearer "), new SecretValue.Credential("t"), new SecretValue.Literal(" ("),
                new SecretValue.EnvironmentVariable("USER"), new SecretValue.Literal(")"))));
    }

    @ParameterizedTest
    @ValueSource(strings = {"plain", "", "$HOME", "${HOME}", "${vault:x}", "x${env}", "encrypted:00", "op:/vault/item/field",
        "https://op://x"})
    void everythingElseIsALiteral(String value) throws SecretException {
        assertThat(SecretValue.isReference(value)).isFalse();
        assertThat(SecretValue.parse(value)).isEqualTo(new SecretValue.Literal(value));
    }

    @ParameterizedTest
    @ValueSource(strings = {"op://vault-only", "op://vault/item", "op://vault//field", "op://vault/item/field/",
        "${env:GITHUB-TOKEN}", "${env:}", "${file:relative/path}", "${credential:a/b}", "${credential:..}",
        "${credential:}", "Bearer ${env:TOKEN"})
    void malformedReferencesAreRefusedWithoutRepeatingTheValue(String value) {
        assertThat(SecretValue.isReference(value)).isTrue();
        assertThatThrownBy(() -> SecretValue.parse(value)).isInstanceOf(SecretException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(value));
    }

    @Test
    void aLiteralNeverPrintsItsText() throws SecretException {
        assertThat(SecretValue.parse("S3CR3T").toString()).doesNotContain("S3CR3T");
        assertThat(SecretValue.parse("S3CR3T ${env:X}").toString()).doesNotContain("S3CR3T");
    }
}
