package dev.zeroclaw.oauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zeroclaw.api.OAuthGrant;
import dev.zeroclaw.api.OAuthSettings;
import dev.zeroclaw.api.transport.AuthorizationRequiredException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * A server's OAuth over its life, against {@link AuthorizationServerFixture}: no tokens (a login is needed), a
 * headless login, refresh before expiry (a clock the test moves), refresh after a 401 with rotation, tokens that
 * outlive the instance (a daemon restart), a revoked refresh token, and {@code client_credentials}.
 */
class ServerAuthorizationTest extends LoopbackAuthorizationTest {

    private static final URI REDIRECT = URI.create("http://127.0.0.1:9/callback");
    private static final String CLIENT_DOCUMENT = "https://zeroclaw.example.com/client.json";

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private final MovableClock clock = new MovableClock();

    @Test
    void withoutTokensTheErrorSaysWhichCommandToRun() {
        OAuthException error = catchOAuth(() -> authorization(OAuthSettings.NONE).accessToken());

        assertThat(error.needsNewLogin()).isTrue();
        assertThat(error.getMessage()).isEqualTo("server 'remote' needs an OAuth login: run zeroclaw auth login remote");
    }

    @Test
    void aLoginIsKeptAndOutlivesTheInstance() throws Exception {
        ServerAuthorization authorization = authorization(OAuthSettings.NONE);
        login(authorization);

        String token = authorization.accessToken();

        assertThat(status(token)).isEqualTo(200);
        assertThat(store.load("remote", URI.create(fixture.issuer()))).isPresent();
        assertThat(authorization(OAuthSettings.NONE).accessToken()).isEqualTo(token); // a restarted daemon
    }

    @Test
    void aTokenCloseToExpiryIsRefreshedBeforeUseAndTheRefreshTokenRotates() throws Exception {
        ServerAuthorization authorization = authorization(OAuthSettings.NONE);
        login(authorization);
        String first = authorization.accessToken();
        String firstRefresh = store.load("remote").get(0).tokens().refreshToken().orElseThrow();

        clock.advance(Duration.ofSeconds(3600).minus(TokenSet.REFRESH_MARGIN));
        String second = authorization.accessToken();

        assertThat(second).isNotEqualTo(first);
        assertThat(status(second)).isEqualTo(200);
        assertThat(store.load("remote").get(0).tokens().refreshToken()).isPresent().get().isNotEqualTo(firstRefresh);
    }

    @Test
    void a401IsAnsweredWithARefreshedToken() throws Exception {
        ServerAuthorization authorization = authorization(OAuthSettings.NONE);
        login(authorization);
        fixture.expireAccessTokens();
        HttpResponse<String> refused = call(authorization.accessToken());
        assertThat(refused.statusCode()).isEqualTo(401);

        String renewed = authorization.afterUnauthorized(refused.headers().firstValue("WWW-Authenticate"));

        assertThat(status(renewed)).isEqualTo(200);
        assertThat(authorization(OAuthSettings.NONE).accessToken()).isEqualTo(renewed); // saved for the next start
    }

    @Test
    void aRevokedRefreshTokenNeedsANewLoginWhichThenWorks() throws Exception {
        ServerAuthorization authorization = authorization(OAuthSettings.NONE);
        login(authorization);
        fixture.expireAccessTokens();
        fixture.revokeRefreshTokens();
        HttpResponse<String> refused = call(authorization.accessToken());

        OAuthException error = catchOAuth(() -> authorization.afterUnauthorized(refused.headers().firstValue("WWW-Authenticate")));

        assertThat(error.needsNewLogin()).isTrue();
        assertThat(error.errorCode()).contains("invalid_grant");
        login(authorization);
        assertThat(status(authorization.accessToken())).isEqualTo(200);
    }

    @Test
    void clientCredentialsNeedNoLogin() throws Exception {
        ServerAuthorization authorization = authorization(new OAuthSettings(Optional.of(AuthorizationServerFixture.CONFIDENTIAL_ID),
                Optional.of(AuthorizationServerFixture.CONFIDENTIAL_SECRET), OAuthGrant.CLIENT_CREDENTIALS, List.of("mcp:read")));

        String token = authorization.accessToken();
        fixture.expireAccessTokens();
        HttpResponse<String> refused = call(token);
        String renewed = authorization.afterUnauthorized(refused.headers().firstValue("WWW-Authenticate"));

        assertThat(status(renewed)).isEqualTo(200);
        assertThat(renewed).isNotEqualTo(token);
    }

    @Test
    void aSecretGoesInTheFormWhenTheServerListsOnlyThat() throws Exception {
        fixture.acceptSecretsInFormOnly();
        ServerAuthorization authorization = authorization(new OAuthSettings(Optional.of(AuthorizationServerFixture.CONFIDENTIAL_ID),
                Optional.of(AuthorizationServerFixture.CONFIDENTIAL_SECRET), OAuthGrant.CLIENT_CREDENTIALS, List.of()));

        assertThat(status(authorization.accessToken())).isEqualTo(200);
    }

    @Test
    void moreScopeThanTheLoginGrantedNeedsANewLogin() throws Exception {
        ServerAuthorization authorization = authorization(OAuthSettings.NONE);
        login(authorization);

        OAuthException error = catchOAuth(() -> authorization.afterUnauthorized(
                Optional.of("Bearer error=\"insufficient_scope\", scope=\"mcp:admin\"")));

        assertThat(error.needsNewLogin()).isTrue();
        assertThat(error.getMessage()).contains("asks for scope 'mcp:admin'").contains("run zeroclaw auth login remote");
    }

    @Test
    void aStepUpLoginAsksForTheScopeTheRefusalNamed() throws Exception {
        ServerAuthorization authorization = authorization(OAuthSettings.NONE);
        login(authorization);
        catchOAuth(() -> authorization.afterUnauthorized(Optional.of("Bearer error=\"insufficient_scope\", scope=\"mcp:admin\"")));

        login(authorization);

        assertThat(fixture.lastAuthorizationScope()).isEqualTo("mcp:admin");
    }

    @Test
    void aLoginRunLaterAsksForTheScopeTheDaemonWasRefused() throws Exception {
        ServerAuthorization daemon = authorization(OAuthSettings.NONE);
        login(daemon);
        catchOAuth(() -> daemon.afterUnauthorized(Optional.of("Bearer error=\"insufficient_scope\", scope=\"mcp:admin\"")));

        login(authorization(OAuthSettings.NONE)); // zeroclaw auth login, another process

        assertThat(fixture.lastAuthorizationScope()).isEqualTo("mcp:admin");
        assertThat(store.challenge("remote")).as("the login answered the kept challenge").isEmpty();
    }

    @Test
    void aFirstLoginFindsResourceMetadataTheServerNamesOnlyInItsChallenge() throws Exception {
        fixture.layout(AuthorizationServerFixture.Layout.METADATA_IN_CHALLENGE_ONLY);
        ServerAuthorization authorization = authorization(OAuthSettings.NONE);

        login(authorization);

        assertThat(fixture.lastAuthorizationScope()).as("the scope of the server's 401, read from /meta/prm's server").isEqualTo("mcp:read");
        assertThat(status(authorization.accessToken())).isEqualTo(200);
    }

    @Test
    void aRefusalForAScopeTheTokenCarriesIsAnErrorNotAnotherLogin() throws Exception {
        ServerAuthorization authorization = authorization(OAuthSettings.NONE);
        login(authorization);
        String granted = authorization.accessToken();

        OAuthException error = catchOAuth(() -> authorization.afterUnauthorized(
                Optional.of("Bearer error=\"insufficient_scope\", scope=\"mcp:read\"")));

        assertThat(error.needsNewLogin()).isFalse();
        assertThat(error.getMessage()).isEqualTo("server 'remote' refuses with insufficient_scope although the token carries"
                + " the scope it names ('mcp:read'); not asking for it again").doesNotContain(granted);
    }

    @Test
    void whereTheServerSupportsClientIdMetadataDocumentsTheDocumentsUrlIsTheClientId() throws Exception {
        fixture.supportClientIdMetadataDocuments();
        ServerAuthorization authorization = authorization(OAuthSettings.NONE.withClientMetadataUrl(Optional.of(CLIENT_DOCUMENT)));

        login(authorization);

        assertThat(store.load("remote", URI.create(fixture.issuer())).orElseThrow().client().clientId()).isEqualTo(CLIENT_DOCUMENT);
        assertThat(fixture.registeredClients()).isZero();
        assertThat(status(authorization.accessToken())).isEqualTo(200);
    }

    @Test
    void whereTheServerDoesNotSupportThemTheClientRegisters() throws Exception {
        ServerAuthorization authorization = authorization(OAuthSettings.NONE.withClientMetadataUrl(Optional.of(CLIENT_DOCUMENT)));

        login(authorization);

        assertThat(store.load("remote", URI.create(fixture.issuer())).orElseThrow().client().clientId()).isNotEqualTo(CLIENT_DOCUMENT);
        assertThat(fixture.registeredClients()).isOne();
    }

    /** What a transport sees of a server's OAuth: a header, a renewal, or "a person must log in". */
    @Nested
    class AsTheTransportSeesIt {

        private OAuthRequestAuthorization of(OAuthSettings settings) {
            return new OAuthRequestAuthorization(new ServerAuthorization("remote", fixture.mcpUrl(), settings, store,
                    clock), !settings.isNone());
        }

        @Test
        void aServerNotKnownToUseOAuthGetsNoHeaderAndANonBearer401IsLeftAlone() throws IOException {
            OAuthRequestAuthorization authorization = of(OAuthSettings.NONE);

            assertThat(authorization.header()).isEmpty();
            assertThat(authorization.renewAfterUnauthorized(Optional.of("Basic realm=\"x\""))).isFalse();
            assertThat(authorization.renewAfterUnauthorized(Optional.empty())).isFalse();
        }

        @Test
        void aBearerChallengeWithoutTokensAsksForALogin() {
            OAuthRequestAuthorization authorization = of(OAuthSettings.NONE);

            assertThatThrownBy(() -> authorization.renewAfterUnauthorized(Optional.of("Bearer resource_metadata=\""
                    + fixture.issuer() + "/.well-known/oauth-protected-resource/mcp\"")))
                    .isInstanceOf(AuthorizationRequiredException.class)
                    .hasMessage("server 'remote' needs an OAuth login: run zeroclaw auth login remote");
        }

        @Test
        void clientCredentialsGiveABearerHeader() throws IOException {
            OAuthRequestAuthorization authorization = of(new OAuthSettings(Optional.of(AuthorizationServerFixture.CONFIDENTIAL_ID),
                    Optional.of(AuthorizationServerFixture.CONFIDENTIAL_SECRET), OAuthGrant.CLIENT_CREDENTIALS, List.of()));

            assertThat(authorization.header()).hasValueSatisfying(header -> assertThat(header).startsWith("Bearer at-"));
        }

        @Test
        void aConfiguredServerWithoutTokensAsksForALoginBeforeItsFirstRequest() {
            OAuthRequestAuthorization authorization = of(new OAuthSettings(Optional.of("public-client"), Optional.empty(),
                    OAuthGrant.AUTHORIZATION_CODE, List.of()));

            assertThatThrownBy(authorization::header).isInstanceOf(AuthorizationRequiredException.class)
                    .hasMessageContaining("run zeroclaw auth login remote");
        }
    }

    private ServerAuthorization authorization(OAuthSettings settings) {
        return new ServerAuthorization("remote", fixture.mcpUrl(), settings, store, clock);
    }

    /** What `zeroclaw auth login` does headlessly: open the printed URL, take the redirect, redeem it. */
    private void login(ServerAuthorization authorization) throws Exception {
        PendingAuthorization pending = authorization.startLogin(REDIRECT);
        HttpResponse<String> approved = http.send(HttpRequest.newBuilder(pending.authorizationUrl()).build(),
                HttpResponse.BodyHandlers.ofString());
        authorization.completeLogin(pending, URI.create(approved.headers().firstValue("Location").orElseThrow()));
    }

    private int status(String token) throws IOException, InterruptedException {
        return call(token).statusCode();
    }

    private HttpResponse<String> call(String token) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(fixture.mcpUrl()).header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}")).build(), HttpResponse.BodyHandlers.ofString());
    }

    private interface OAuthCall {
        Object run() throws Exception;
    }

    private static OAuthException catchOAuth(OAuthCall call) {
        try {
            call.run();
        } catch (OAuthException e) {
            return e;
        } catch (Exception e) {
            throw new AssertionError("expected an OAuthException, got " + e, e);
        }
        throw new AssertionError("expected an OAuthException");
    }

    /** A clock the test moves by hand: expiry without waiting. */
    private static final class MovableClock extends Clock {
        private Instant now = Instant.parse("2026-11-30T12:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
