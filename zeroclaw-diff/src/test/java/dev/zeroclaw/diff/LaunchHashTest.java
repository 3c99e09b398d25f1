package dev.zeroclaw.diff;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zeroclaw.api.OAuthGrant;
import dev.zeroclaw.api.OAuthSettings;
import dev.zeroclaw.api.RestartPolicy;
import dev.zeroclaw.api.ServerSpec;
import dev.zeroclaw.api.TransportOptions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LaunchHashTest {

    private static ServerSpec.Builder fs() {
        return ServerSpec.builder("fs")
                .command("npx")
                .args(List.of("-y", "@modelcontextprotocol/server-filesystem", "/srv"))
                .putEnv("API_KEY", "k1")
                .putEnv("LOG_LEVEL", "info");
    }

    @Test
    void mapOrderDoesNotChangeTheHash() {
        Map<String, String> reversed = new LinkedHashMap<>();
        reversed.put("LOG_LEVEL", "info");
        reversed.put("API_KEY", "k1");

        assertThat(LaunchHash.of(fs().env(reversed).build())).isEqualTo(LaunchHash.of(fs().build()));
    }

    @Test
    void argsOrderChangesTheHash() {
        ServerSpec swapped = fs().args(List.of("@modelcontextprotocol/server-filesystem", "-y", "/srv")).build();

        assertThat(LaunchHash.of(swapped)).isNotEqualTo(LaunchHash.of(fs().build()));
    }

    @Test
    void argumentBoundariesAreOutOfTheHashesReach() {
        ServerSpec joined = ServerSpec.builder("a").command("x").args(List.of("a b")).build();
        ServerSpec split = ServerSpec.builder("a").command("x").args(List.of("a", "b")).build();

        assertThat(LaunchHash.of(joined)).isNotEqualTo(LaunchHash.of(split));
    }

    @Test
    void optionsAreInTheHashWithTheirTypes() {
        ServerSpec plain = ServerSpec.builder("ws").transport("websocket").url("wss://h/ws").build();
        ServerSpec number = plain.toBuilder().options(TransportOptions.builder().put("port", 1L).build()).build();
        ServerSpec text = plain.toBuilder().options(TransportOptions.builder().put("port", "1").build()).build();
        ServerSpec list = plain.toBuilder().options(TransportOptions.builder().put("port", List.of(1L)).build()).build();

        assertThat(java.util.stream.Stream.of(plain, number, text, list).map(LaunchHash::of).distinct()).hasSize(4);
        assertThat(LaunchHash.of(number)).isEqualTo(LaunchHash.of(
                plain.toBuilder().options(TransportOptions.builder().put("port", 1L).build()).build()));
    }

    @Test
    void anEntryWithoutOptionsHashesAsBeforeOptionsExisted() {
        // The value LaunchHash gave this entry before transport options existed (commit 519b0d9).
        assertThat(LaunchHash.of(ServerSpec.builder("a").command("x").options(TransportOptions.empty()).build()))
                .isEqualTo("b3bc3cfe7d1b311e097f4ab70e2a980d8d9f66ce13492689e9371cad87d45051");
    }

    @Test
    void oauthSettingsAreInTheHashOnlyWhenSet() {
        ServerSpec plain = ServerSpec.builder("a").command("x").build();
        OAuthSettings m2m = new OAuthSettings(Optional.of("id"), Optional.of("s1"), OAuthGrant.CLIENT_CREDENTIALS, List.of());

        assertThat(LaunchHash.of(plain.toBuilder().oauth(OAuthSettings.NONE).build()))
                .isEqualTo("b3bc3cfe7d1b311e097f4ab70e2a980d8d9f66ce13492689e9371cad87d45051");
        assertThat(LaunchHash.of(plain.toBuilder().oauth(m2m).build())).isNotEqualTo(LaunchHash.of(plain))
                .isNotEqualTo(LaunchHash.of(plain.toBuilder().oauth(m2m.withClientSecret(Optional.of("s2"))).build()));
        OAuthSettings keyed = m2m.withClientSecret(Optional.empty()).withClientKey(Optional.of("key-1"));
        assertThat(LaunchHash.of(plain.toBuilder().oauth(keyed).build()))
                .isNotEqualTo(LaunchHash.of(plain.toBuilder().oauth(keyed.withClientKey(Optional.of("key-2"))).build()));
    }

    @Test
    void anEnvValueChangesTheHash() {
        assertThat(LaunchHash.of(fs().putEnv("API_KEY", "k2").build())).isNotEqualTo(LaunchHash.of(fs().build()));
    }

    @Test
    void anAbsentUrlDiffersFromAnEmptyOne() {
        assertThat(LaunchHash.of(fs().url("").build())).isNotEqualTo(LaunchHash.of(fs().build()));
    }

    @Test
    void liveSettingsAreNotPartOfTheHash() {
        ServerSpec tuned = fs().toolTimeoutSecs(30).restart(RestartPolicy.ALWAYS).stopTimeoutSecs(9).build();

        assertThat(LaunchHash.of(tuned)).isEqualTo(LaunchHash.of(fs().build()));
    }

    @Test
    void aFingerprintKeepsTheLaunchHash() {
        ServerFingerprint fingerprint = ServerFingerprint.of(fs().build());

        assertThat(fingerprint.launchSha256()).isEqualTo(LaunchHash.of(fs().build()));
        assertThat(fingerprint.sameLaunch(ServerFingerprint.of(fs().toolTimeoutSecs(5).build()))).isTrue();
        assertThat(fingerprint.sameLive(ServerFingerprint.of(fs().toolTimeoutSecs(5).build()))).isFalse();
        assertThat(fingerprint.sameLaunch(ServerFingerprint.of(fs().putEnv("API_KEY", "k2").build()))).isFalse();
    }

    @Test
    void theHashIsLowerCaseHexSha256() {
        assertThat(LaunchHash.of(fs().build())).matches("[0-9a-f]{64}");
    }

    @Test
    void fileHashIsTheSha256OfTheBytes() {
        assertThat(FileHash.sha256Hex("abc".getBytes(java.nio.charset.StandardCharsets.US_ASCII)))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }
}
