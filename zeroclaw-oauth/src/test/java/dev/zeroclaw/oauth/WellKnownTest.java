package dev.zeroclaw.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

class WellKnownTest {

    @Test
    void protectedResourceMetadataIsPathAwareFirst() {
        assertThat(WellKnown.protectedResource(URI.create("https://example.com/public/mcp"))).containsExactly(
                URI.create("https://example.com/.well-known/oauth-protected-resource/public/mcp"),
                URI.create("https://example.com/.well-known/oauth-protected-resource"));
        assertThat(WellKnown.protectedResource(URI.create("https://example.com:8443/"))).containsExactly(
                URI.create("https://example.com:8443/.well-known/oauth-protected-resource"));
    }

    @Test
    void anIssuerWithAPathHasThreeLocations() {
        assertThat(WellKnown.authorizationServer(URI.create("https://auth.example.com/tenant1"))).containsExactly(
                URI.create("https://auth.example.com/.well-known/oauth-authorization-server/tenant1"),
                URI.create("https://auth.example.com/.well-known/openid-configuration/tenant1"),
                URI.create("https://auth.example.com/tenant1/.well-known/openid-configuration"));
    }

    @Test
    void anIssuerWithoutAPathHasTwo() {
        assertThat(WellKnown.authorizationServer(URI.create("https://auth.example.com"))).containsExactly(
                URI.create("https://auth.example.com/.well-known/oauth-authorization-server"),
                URI.create("https://auth.example.com/.well-known/openid-configuration"));
    }
}
