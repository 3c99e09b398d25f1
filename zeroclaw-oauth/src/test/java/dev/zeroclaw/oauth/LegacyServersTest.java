package dev.zeroclaw.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zeroclaw.api.OAuthSettings;
import java.net.URI;
import java.time.Clock;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Servers laid out as MCP 2025-03-26 had them: no Protected Resource Metadata, the authorization server at the MCP
 * server's origin, and, without any metadata, its default endpoints.
 */
class LegacyServersTest extends LoopbackAuthorizationTest {

    @Test
    void withoutResourceMetadataTheOriginsMetadataNamesTheIssuer() throws Exception {
        fixture.layout(AuthorizationServerFixture.Layout.LEGACY_METADATA);

        AuthorizationTarget target = Discovery.discover(fixture.mcpUrl(), Optional.empty(), Optional.empty());

        assertThat(target.issuer()).hasToString(fixture.issuer() + "/oauth");
        assertThat(target.resource()).isEqualTo(fixture.mcpUrl());
        assertThat(target.metadata().getTokenEndpointURI()).hasToString(fixture.issuer() + "/token");
    }

    @Test
    void withoutAnyMetadataTheDefaultEndpointsGiveAWorkingLogin() throws Exception {
        fixture.layout(AuthorizationServerFixture.Layout.NO_METADATA);
        ServerAuthorization authorization = new ServerAuthorization("remote", fixture.mcpUrl(), OAuthSettings.NONE, store,
                Clock.systemUTC());

        PendingAuthorization pending = browserLogin(authorization);

        assertThat(pending.authorizationUrl().toString()).startsWith(fixture.issuer() + "/authorize?");
        assertThat(store.load("remote", URI.create(fixture.issuer()))).isPresent();
        assertThat(authorization.accessToken()).isNotBlank();
    }
}
