package dev.zeroclaw.config.secret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each source of a secret value, and each way it fails: a message that says why, never the value. */
class SecretResolverTest {

    private static final String SECRET = "ghp_S3CR3T-zq9-7f1d";

    @TempDir
    Path dir;

    private SecretFixture fixture;

    @BeforeEach
    void setUp() throws Exception {
        fixture = new SecretFixture(dir);
    }

    private AbstractThrowableAssert<?, ? extends Throwable> refusal(String value) {
        return assertThatThrownBy(() -> fixture.resolve(value)).isInstanceOf(SecretException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(SECRET).doesNotContain(value));
    }

    @Test
    void aLiteralIsItself() throws SecretException {
        assertThat(fixture.resolve(SECRET)).isEqualTo(SECRET);
    }

    @Nested
    class Encrypted {

        @Test
        void enc2DecryptsWithTheKeyBesideTheConfig() throws Exception {
            fixture.key(SecretFixture.KEY);

            assertThat(fixture.resolve(SecretCipher.encrypt(SecretFixture.KEY, SECRET))).isEqualTo(SECRET);
        }

        @Test
        void legacyEncIsTheBytesXoredWithTheRepeatedKey() throws Exception {
            fixture.key(SecretFixture.KEY);
            String legacy = "enc:" + HexFormat.of().formatHex(SecretCipher.xor(SECRET.getBytes(), SecretFixture.KEY));

            assertThat(fixture.resolve(legacy)).isEqualTo(SECRET);
        }

        @Test
        void aMissingKeyFileIsNamed() {
            refusal(SecretCipher.encrypt(SecretFixture.KEY, SECRET))
                    .hasMessageContaining("there is no key file " + dir.resolve(".secret_key"));
        }

        @Test
        void aKeyFileOthersCanReadIsRefused() throws Exception {
            fixture.keyFile(HexFormat.of().formatHex(SecretFixture.KEY), "rw-r--r--");

            refusal(SecretCipher.encrypt(SecretFixture.KEY, SECRET))
                    .hasMessage("the key file " + dir.resolve(".secret_key") + " can be read by other users (mode rw-r--r--);"
                            + " run: chmod 600 " + dir.resolve(".secret_key"));
        }

        @Test
        void aKeyFileTheGroupCanReadIsRefused() throws Exception {
            fixture.keyFile(HexFormat.of().formatHex(SecretFixture.KEY), "rw-r-----");

            refusal(SecretCipher.encrypt(SecretFixture.KEY, SECRET)).hasMessageContaining("can be read by other users");
        }

        @Test
        void aKeyFileThatIsALinkIsRefused() throws Exception {
            Path real = Files.writeString(dir.resolve("real-key"), HexFormat.of().formatHex(SecretFixture.KEY));
            Files.setPosixFilePermissions(real, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
            Files.createSymbolicLink(dir.resolve(".secret_key"), real);

            refusal(SecretCipher.encrypt(SecretFixture.KEY, SECRET)).hasMessageContaining("is a symbolic link");
        }

        @Test
        void aKeyFileOfTheWrongLengthOrNotHexIsRefused() throws Exception {
            fixture.keyFile("00".repeat(16), "rw-------");
            refusal(SecretCipher.encrypt(SecretFixture.KEY, SECRET)).hasMessageContaining("must hold exactly 32 bytes"
                    + " (64 hex digits), it holds 16");

            fixture.keyFile("not a key", "rw-------");
            refusal(SecretCipher.encrypt(SecretFixture.KEY, SECRET)).hasMessageContaining("does not hold a key as hex digits");
        }

        @Test
        void theWrongKeyDoesNotDecryptIt() throws Exception {
            byte[] other = SecretFixture.KEY.clone();
            other[0] ^= 1;
            fixture.key(other);

            refusal(SecretCipher.encrypt(SecretFixture.KEY, SECRET))
                    .hasMessageStartingWith("the key in " + dir.resolve(".secret_key") + " does not decrypt it");
        }

        @Test
        void theWrongKeyForALegacyValueIsToldByItsGarbage() throws Exception {
            byte[] other = SecretFixture.KEY.clone();
            other[0] ^= (byte) 0x80;
            fixture.key(other);
            // "p!" sealed with KEY opens under the other key as 0xF0 '!': a lead byte without its continuation.
            String legacy = "enc:" + HexFormat.of().formatHex(SecretCipher.xor("p!".getBytes(), SecretFixture.KEY));

            refusal(legacy).hasMessageContaining("does not decrypt it");
        }

        @Test
        void aTamperedValueDoesNotDecrypt() throws Exception {
            fixture.key(SecretFixture.KEY);
            String value = SecretCipher.encrypt(SecretFixture.KEY, SECRET);
            int flip = "enc2:".length() + 2 * SecretCipher.NONCE_BYTES;
            String tampered = value.substring(0, flip) + (value.charAt(flip) == '0' ? '1' : '0') + value.substring(flip + 1);

            refusal(tampered).hasMessageContaining("does not decrypt it");
        }

        @Test
        void badHexIsRefused() throws Exception {
            fixture.key(SecretFixture.KEY);

            refusal("enc2:not-valid-hex!!").hasMessage("the enc2: value is not hex (corrupt or cut off); encrypt the secret again");
            refusal("enc2:abc").hasMessageContaining("not hex");
            refusal("enc:zz").hasMessage("the enc: value is not hex (corrupt or cut off); encrypt the secret again");
        }

        @Test
        void aTruncatedValueIsRefused() throws Exception {
            fixture.key(SecretFixture.KEY);
            String value = SecretCipher.encrypt(SecretFixture.KEY, SECRET);

            refusal("enc2:aabbccdd").hasMessageContaining("too short to hold a nonce and a tag");
            refusal(value.substring(0, "enc2:".length() + 2 * (SecretCipher.NONCE_BYTES + SecretCipher.TAG_BYTES) - 2))
                    .hasMessageContaining("too short");
            refusal(value.substring(0, value.length() - 2)).hasMessageContaining("does not decrypt it");
        }

        @Test
        void aNewResolverReadsTheKeyFileAgain() throws Exception {
            fixture.key(SecretFixture.KEY);
            SecretResolver first = SecretResolver.of(fixture.sources());
            byte[] rotated = SecretFixture.KEY.clone();
            rotated[31] ^= 0x55;

            assertThat(first.resolve(SecretCipher.encrypt(SecretFixture.KEY, SECRET))).isEqualTo(SECRET);
            fixture.key(rotated);
            assertThat(SecretResolver.of(fixture.sources()).resolve(SecretCipher.encrypt(rotated, "rotated"))).isEqualTo("rotated");
        }
    }

    @Nested
    class Deployment {

        @Test
        void envReadsTheHandedInEnvironment() throws Exception {
            fixture.environment.put("GITHUB_TOKEN", SECRET);

            assertThat(fixture.resolve("${env:GITHUB_TOKEN}")).isEqualTo(SECRET);
            assertThat(fixture.resolve("Bearer ${env:GITHUB_TOKEN}")).isEqualTo("Bearer " + SECRET);
        }

        @Test
        void aMissingVariableIsNamed() {
            refusal("${env:NOT_SET_ANYWHERE}").hasMessage("the environment variable NOT_SET_ANYWHERE is not set in the"
                    + " daemon's environment");
        }

        @Test
        void fileReadsTheFileWithoutItsTrailingLineBreak() throws Exception {
            Path file = Files.writeString(dir.resolve("token"), SECRET + "\r\n");

            assertThat(fixture.resolve("${file:" + file + "}")).isEqualTo(SECRET);
        }

        @Test
        void aMissingFileIsNamed() {
            refusal("${file:" + dir.resolve("absent") + "}").hasMessage("the file " + dir.resolve("absent") + " does not exist");
        }

        @Test
        void aDirectoryIsNoSecretFile() {
            refusal("${file:" + dir + "}").hasMessageContaining("cannot be read: it is a directory");
        }

        @Test
        void credentialReadsCredentialsDirectory() throws Exception {
            Path credentials = Files.createDirectories(dir.resolve("credentials"));
            Files.writeString(credentials.resolve("github-token"), SECRET + "\n");
            fixture.environment.put("CREDENTIALS_DIRECTORY", credentials.toString());

            assertThat(fixture.resolve("${credential:github-token}")).isEqualTo(SECRET);
            refusal("${credential:other}").hasMessage("the credential 'other' ($CREDENTIALS_DIRECTORY/other) does not exist");
        }

        @Test
        void noCredentialsDirectorySaysWhereCredentialsComeFrom() {
            refusal("${credential:github-token}").hasMessageStartingWith("$CREDENTIALS_DIRECTORY is not set:")
                    .hasMessageContaining("LoadCredential=github-token:");
        }
    }

    @Nested
    class OnePassword {

        @Test
        void opReadGivesTheValueWithoutItsLineBreak() throws Exception {
            fixture.op("""
                    if [ "$1" = read ] && [ "$2" = op://vault/item/field ]; then printf '%s\\n' 'ghp_S3CR3T-zq9-7f1d'; exit 0; fi
                    echo "unexpected: $*" >&2; exit 65
                    """);

            assertThat(fixture.resolve("op://vault/item/field")).isEqualTo(SECRET);
        }

        @Test
        void opRunsWithTheHandedInEnvironment() throws Exception {
            fixture.environment.put("OP_SERVICE_ACCOUNT_TOKEN", "sa-token");
            fixture.op("printf '%s' \"$OP_SERVICE_ACCOUNT_TOKEN\"\n");

            assertThat(fixture.resolve("op://vault/item/field")).isEqualTo("sa-token");
        }

        @Test
        void opDrainsALoudStderrWhileItWaits() throws Exception {
            fixture.op("head -c 1000000 /dev/zero | tr '\\0' x >&2\nprintf secret-from-op\n");

            assertThat(fixture.resolve("op://vault/item/field")).isEqualTo("secret-from-op");
        }

        @Test
        void opAbsentFromPathIsAClearError() {
            refusal("op://vault/item/field").hasMessage("the 1Password CLI (op) is not on the daemon's PATH; install it"
                    + " (and sign in) to use op:// references");
        }

        @Test
        void opFailingTellsItsMessageAndTheSignInHint() throws Exception {
            fixture.op("echo '[ERROR] 2026/01/01 00:00:00 You are not signed in.' >&2; exit 1\n");

            refusal("op://vault/item/field").hasMessage("the 1Password CLI (op read) failed with exit code 1:"
                    + " [ERROR] 2026/01/01 00:00:00 You are not signed in. (hint: run `op signin` first)");
        }

        @Test
        void opHangingPastTheTimeoutIsStopped() throws Exception {
            Path started = dir.resolve("sleep.pid");
            fixture.opTimeout = Duration.ofMillis(300);
            fixture.op("sleep 600 &\necho $! > " + started + "\nwait\n");

            refusal("op://vault/item/field").hasMessage("the 1Password CLI (op read) did not answer within 300 ms; it was"
                    + " stopped (is it waiting for a sign-in?)");
            long sleeper = Long.parseLong(Files.readString(started).strip());
            assertThat(ProcessHandle.of(sleeper).map(ProcessHandle::isAlive).orElse(false)).as("what op started").isFalse();
        }

        @Test
        void anEmptyValueIsRefused() throws Exception {
            fixture.op("echo\n");

            refusal("op://vault/item/field").hasMessageContaining("returned an empty value");
        }

        @Test
        void oneResolverReadsEachReferenceOnce() throws Exception {
            Path calls = dir.resolve("calls");
            fixture.op("echo call >> " + calls + "\nprintf v\n");
            SecretResolver resolver = SecretResolver.of(fixture.sources());

            assertThat(resolver.resolve("op://vault/item/field") + resolver.resolve("op://vault/item/field")).isEqualTo("vv");
            assertThat(Files.readAllLines(calls)).hasSize(1);
        }
    }
}
