package dev.zeroclaw.config;

import static dev.zeroclaw.config.ConfigFixture.errors;
import static org.assertj.core.api.Assertions.assertThat;

import dev.zeroclaw.api.GatewayOAuth;
import dev.zeroclaw.api.McpBundle;
import dev.zeroclaw.api.McpConfig;
import java.net.URI;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code [mcp.gateway] oauth_issuer}, {@code oauth_audience}, {@code oauth_jwks_url} and a bundle's {@code oauth_scope}. */
class GatewayOAuthConfigTest {

    @Test
    void withoutTheKeysTheGatewayTakesNoAccessTokens() {
        assertThat(ConfigFixture.parse("[mcp.gateway]\nlisten = \"127.0.0.1:8765\"\n").settings().gatewayOAuth()).isEmpty();
    }

    @Test
    void readsTheIssuerAudienceAndKeysAndEachBundlesScope() {
        McpConfig config = ConfigFixture.parse("""
                [mcp.gateway]
                oauth_issuer = "https://idp.example.com/realms/x"
                oauth_audience = "https://gateway.example.com/mcp"
                oauth_jwks_url = "https://idp.example.com/realms/x/certs"

                [[mcp.servers]]
                name = "fs"
                command = "npx"

                [mcp_bundles.files]
                servers = ["fs"]
                oauth_scope = "mcp:files"
                """);

        assertThat(config.settings().gatewayOAuth()).contains(new GatewayOAuth(URI.create("https://idp.example.com/realms/x"),
                Optional.of(URI.create("https://gateway.example.com/mcp")), Optional.of(URI.create("https://idp.example.com/realms/x/certs"))));
        assertThat(config.bundles()).singleElement().extracting(McpBundle::oauthScope).isEqualTo(Optional.of("mcp:files"));
    }

    @Test
    void theIssuerAloneIsEnoughAndPlainHttpIsForLoopbackOnly() {
        assertThat(ConfigFixture.parse("[mcp.gateway]\noauth_issuer = \"http://127.0.0.1:8080/realms/x\"\n").settings().gatewayOAuth())
                .contains(new GatewayOAuth(URI.create("http://127.0.0.1:8080/realms/x"), Optional.empty(), Optional.empty()));
    }

    @Test
    void aGatewayScopeIsOneScopeAndNeedsTheIssuer() {
        assertThat(ConfigFixture.parse("[mcp.gateway]\noauth_issuer = \"https://idp.example.com\"\noauth_scope = \"zeroclaw:all\"\n")
                .settings().gatewayOAuth()).contains(new GatewayOAuth(URI.create("https://idp.example.com"), Optional.empty(),
                        Optional.empty(), Optional.of("zeroclaw:all")));
        assertThat(errors("[mcp.gateway]\noauth_issuer = \"https://idp.example.com\"\noauth_scope = \"a b\"\n")).containsExactly(
                "config.toml:3:15: 'oauth_scope' must be one OAuth scope (no spaces or quotes), got 'a b'");
        assertThat(errors("[mcp.gateway]\noauth_scope = \"zeroclaw:all\"\n")).containsExactly(
                "config.toml:2:15: 'oauth_scope' needs 'oauth_issuer': the issuer whose access tokens the gateway accepts");
    }

    @Test
    void eachProblemIsAnErrorAtItsValue() {
        assertThat(errors("""
                [mcp.gateway]
                oauth_issuer = "http://idp.example.com/realms/x"
                oauth_jwks_url = "ftp://idp.example.com/certs"
                """)).containsExactly(
                "config.toml:2:16: 'oauth_issuer' must be https (plain http only on a loopback address): the gateway trusts"
                        + " the keys it finds there, got 'http://idp.example.com/realms/x'",
                "config.toml:3:18: 'oauth_jwks_url' must be an absolute https URL, got 'ftp://idp.example.com/certs'");
        assertThat(errors("[mcp.gateway]\noauth_audience = \"https://gateway.example.com/mcp\"\n")).containsExactly(
                "config.toml:2:18: 'oauth_audience' needs 'oauth_issuer': the issuer whose access tokens the gateway accepts");
        assertThat(errors("[mcp.gateway]\nauth = \"none\"\noauth_issuer = \"https://idp.example.com\"\n")).containsExactly(
                "config.toml:3:16: 'oauth_issuer' asks for access tokens, but 'auth = \"none\"' turns authentication off:"
                        + " remove one of the two");
        assertThat(errors("""
                [[mcp.servers]]
                name = "fs"
                command = "npx"

                [mcp_bundles.files]
                servers = ["fs"]
                oauth_scope = "mcp files"
                """)).containsExactly("config.toml:7:15: 'oauth_scope' of bundle 'files' must be one OAuth scope"
                + " (printable ASCII, no space, no quote or backslash), got 'mcp files'");
    }

    @Test
    void aTypoInAKeySuggestsTheKey() {
        assertThat(errors("[mcp.gateway]\noauth_isuer = \"https://idp.example.com\"\n"))
                .singleElement().satisfies(error -> assertThat(error).contains("did you mean 'oauth_issuer'?"));
    }
}
