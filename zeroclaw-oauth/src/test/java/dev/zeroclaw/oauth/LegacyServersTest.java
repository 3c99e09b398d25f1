package dev.zeroclaw.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zeroclaw.api.OAuthSettings;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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

        PendingAuthorization pending = authorization.startLogin(URI.create("http://127.0.0.1:9/callback"));
        HttpResponse<Void> approved = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build()
                .send(HttpRequest.newBuilder(pending.authorizationUrl()).build(), HttpResponse.BodyHandlers.discarding());
        authorization.completeLogin(pending, URI.create(approved.headers().firstValue("Location").orElseThrow()));

        assertThat(pending.authorizationUrl().toString()).startsWith(fixture.issuer() + "/authorize?");
        assertThat(store.load("remote", URI.create(fixture.issuer()))).isPresent();
        assertThat(authorization.accessToken()).isNotBlank();
    }
}
