package dev.zeroclaw.oauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;

class EndpointsTest {

    @Test
    void httpsAndLoopbackHttpAreAccepted() throws OAuthException {
        for (String url : new String[] {"https://auth.example.com/token", "http://127.0.0.1:9000/token",
                "http://localhost/token", "http://[::1]:9000/token"}) {
            assertThat(Endpoints.requireSecure(URI.create(url), "token endpoint")).hasToString(url);
        }
    }

    @Test
    void plainHttpElsewhereIsRefusedWithTheReason() {
        assertThatThrownBy(() -> Endpoints.requireSecure(URI.create("http://auth.example.com/token"), "token endpoint"))
                .hasMessage("token endpoint http://auth.example.com/token is not HTTPS (plain HTTP is allowed on loopback only)");
        // A name is never resolved: DNS must not be able to make a host count as loopback.
        assertThatThrownBy(() -> Endpoints.requireSecure(URI.create("http://127.0.0.1.example.com/token"), "token endpoint"))
                .isInstanceOf(OAuthException.class);
        assertThatThrownBy(() -> Endpoints.requireSecure(null, "token endpoint")).hasMessage("token endpoint is missing");
    }
}
