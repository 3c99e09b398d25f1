package dev.zeroclaw.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zeroclaw.api.DaemonSettings;
import dev.zeroclaw.api.GatewayAuth;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GatewayTokenTest {

    private static DaemonSettings settings(Optional<String> variable, GatewayAuth auth) {
        return new DaemonSettings(true, false, false, 100, "127.0.0.1:8765", 30, variable, auth, Optional.empty());
    }

    @Test
    void withoutAuthTokenEnvTheDaemonGeneratesA256BitToken() throws Exception {
        GatewayToken first = GatewayToken.forSettings(settings(Optional.empty(), GatewayAuth.TOKEN), name -> null).orElseThrow();
        GatewayToken second = GatewayToken.forSettings(settings(Optional.empty(), GatewayAuth.TOKEN), name -> null).orElseThrow();

        assertThat(first.generated()).isTrue();
        assertThat(Base64.getUrlDecoder().decode(first.value())).hasSize(32);
        assertThat(first.value()).doesNotContain("=", "+", "/").isNotEqualTo(second.value());
    }

    @Test
    void authTokenEnvIsReadFromTheEnvironment() throws Exception {
        GatewayToken token = GatewayToken.forSettings(settings(Optional.of("ZC_TOKEN"), GatewayAuth.TOKEN),
                Map.of("ZC_TOKEN", " from-env \n")::get).orElseThrow();

        assertThat(token.value()).isEqualTo("from-env");
        assertThat(token.generated()).isFalse();
        assertThat(token.toString()).doesNotContain("from-env");
    }

    @Test
    void anUnsetVariableRefusesTheStart() {
        assertThatThrownBy(() -> GatewayToken.forSettings(settings(Optional.of("ZC_TOKEN"), GatewayAuth.TOKEN), name -> null))
                .isInstanceOf(GatewayRefusedException.class)
                .hasMessageContaining("ZC_TOKEN");
    }

    @Test
    void authNoneMeansNoToken() throws Exception {
        assertThat(GatewayToken.forSettings(settings(Optional.empty(), GatewayAuth.NONE), name -> null)).isEmpty();
    }
}
