package dev.zeroclaw.oauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The whole MCP authorization flow against {@link AuthorizationServerFixture} over real loopback HTTP: a 401, the
 * challenge, discovery, registration, the code flow driven headlessly (the test follows the authorization URL as a
 * browser would), expiry and refresh with rotation, a revoked refresh token, and client credentials.
 */
class AuthorizationFlowTest {

    private static final URI REDIRECT = URI.create("http://127.0.0.1:9/callback");

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private final TokenEndpoint tokens = new TokenEndpoint(Clock.systemUTC());
    private AuthorizationServerFixture fixture;
    /** The client {@link #login()} registered: a refresh is made as that client. */
    private String lastClientId;

    @BeforeEach
    void start() throws IOException {
        fixture = new AuthorizationServerFixture();
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void aChallengeLeadsToTheAuthorizationServerAndTheResource() throws Exception {
        HttpResponse<String> unauthorized = callMcp(Optional.empty());
        assertThat(unauthorized.statusCode()).isEqualTo(401);

        AuthorizationTarget target = discover(unauthorized);

        assertThat(target.issuer()).hasToString(fixture.issuer());
        assertThat(target.resource()).isEqualTo(fixture.mcpUrl());
        assertThat(target.scope()).contains("mcp:read"); // the challenge's scope wins over scopes_supported
        assertThat(target.metadata().getRegistrationEndpointURI()).hasToString(fixture.issuer() + "/register");
    }

    @Test
    void withoutAChallengeTheWellKnownLocationsAreTriedAndTheConfiguredScopesApply() throws Exception {
        AuthorizationTarget target = Discovery.discover(fixture.mcpUrl(), Optional.empty(), Optional.of("mcp:write"));

        assertThat(target.resource()).isEqualTo(fixture.mcpUrl());
        assertThat(target.scope()).contains("mcp:write");
    }

    @Test
    void theCodeFlowWithPkceGetsATokenTheServerAccepts() throws Exception {
        TokenSet tokenSet = login();

        assertThat(callMcp(Optional.of(tokenSet.accessToken())).statusCode()).isEqualTo(200);
        assertThat(tokenSet.refreshToken()).isPresent();
        assertThat(tokenSet.expiresAt()).isPresent();
        assertThat(tokenSet.scope()).contains("mcp:read");
        assertThat(fixture.resourcesSeen()).containsOnly(fixture.mcpUrl().toString());
    }

    @Test
    void aCallbackWithAnotherStateIsRefused() throws Exception {
        PendingAuthorization pending = startLogin();
        URI callback = approve(pending);

        assertThatThrownBy(() -> tokens.redeem(pending, URI.create(callback.toString().replaceAll("state=[^&]*", "state=forged"))))
                .isInstanceOf(OAuthException.class)
                .hasMessageContaining("state does not match");
    }

    @Test
    void aWrongVerifierIsRefusedByTheServer() throws Exception {
        PendingAuthorization pending = startLogin();
        URI callback = approve(pending);
        PendingAuthorization tampered = new PendingAuthorization(pending.authorizationUrl(), pending.redirectUri(),
                pending.state(), "x".repeat(43), pending.target(), pending.client());

        OAuthException refused = catchOAuth(() -> tokens.redeem(tampered, callback));

        assertThat(refused.errorCode()).contains("invalid_grant");
        assertThat(refused.getMessage()).contains("authorization_code").doesNotContain(pending.codeVerifier());
    }

    @Test
    void anExpiredTokenIsRefreshedAndTheRefreshTokenRotates() throws Exception {
        TokenSet first = login();
        fixture.expireAccessTokens();
        HttpResponse<String> expired = callMcp(Optional.of(first.accessToken()));
        assertThat(expired.statusCode()).isEqualTo(401);

        AuthorizationTarget target = discover(expired);
        ClientIdentity client = ClientIdentity.publicClient(lastClientId);
        TokenSet second = tokens.refresh(target, client, first);

        assertThat(callMcp(Optional.of(second.accessToken())).statusCode()).isEqualTo(200);
        assertThat(second.refreshToken()).isPresent().isNotEqualTo(first.refreshToken());
        OAuthException reused = catchOAuth(() -> tokens.refresh(target, client, first));
        assertThat(reused.errorCode()).contains("invalid_grant");
        assertThat(reused.needsNewLogin()).isTrue();
    }

    @Test
    void aRevokedRefreshTokenMeansANewLogin() throws Exception {
        TokenSet first = login();
        fixture.revokeRefreshTokens();
        AuthorizationTarget target = discover(callMcp(Optional.empty()));

        OAuthException refused = catchOAuth(() -> tokens.refresh(target, ClientIdentity.publicClient(lastClientId), first));

        assertThat(refused.needsNewLogin()).isTrue();
        assertThat(refused.getMessage()).contains("invalid_grant").contains("refresh token revoked")
                .doesNotContain(first.refreshToken().orElseThrow()).doesNotContain(first.accessToken());
    }

    @Test
    void clientCredentialsGetATokenWithoutAUser() throws Exception {
        AuthorizationTarget target = discover(callMcp(Optional.empty()));
        ClientIdentity client = ClientIdentity.confidential(AuthorizationServerFixture.CONFIDENTIAL_ID,
                AuthorizationServerFixture.CONFIDENTIAL_SECRET);

        TokenSet tokenSet = tokens.clientCredentials(target, client);

        assertThat(callMcp(Optional.of(tokenSet.accessToken())).statusCode()).isEqualTo(200);
        assertThat(tokenSet.refreshToken()).isEmpty();
        assertThat(client.toString()).doesNotContain(AuthorizationServerFixture.CONFIDENTIAL_SECRET);
    }

    @Test
    void clientCredentialsWithAWrongSecretSayWhichGrantFailed() throws Exception {
        AuthorizationTarget target = discover(callMcp(Optional.empty()));

        OAuthException refused = catchOAuth(() -> tokens.clientCredentials(target,
                ClientIdentity.confidential(AuthorizationServerFixture.CONFIDENTIAL_ID, "wrong-secret")));

        assertThat(refused.getMessage()).contains("client_credentials").contains("invalid_client").doesNotContain("wrong-secret");
    }

    @Test
    void withoutRegistrationTheErrorNamesTheKeysToSet() throws Exception {
        fixture.disableDynamicRegistration();
        AuthorizationTarget target = discover(callMcp(Optional.empty()));

        assertThatThrownBy(() -> ClientRegistration.register(target, REDIRECT))
                .isInstanceOf(OAuthException.class)
                .hasMessageContaining("set oauth_client_id");
    }

    @Test
    void noTokenAppearsInTheValuesStrings() throws Exception {
        TokenSet tokenSet = login();

        assertThat(tokenSet.toString()).doesNotContain(tokenSet.accessToken())
                .doesNotContain(tokenSet.refreshToken().orElseThrow()).contains(fixture.issuer());
    }

    private TokenSet login() throws Exception {
        PendingAuthorization pending = startLogin();
        assertThat(pending.toString()).doesNotContain(pending.codeVerifier()).doesNotContain(pending.state());
        lastClientId = pending.client().clientId();
        return tokens.redeem(pending, approve(pending));
    }

    /** A 401, discovery, registration, and the authorization URL: everything before the user approves. */
    private PendingAuthorization startLogin() throws Exception {
        AuthorizationTarget target = discover(callMcp(Optional.empty()));
        return tokens.start(target, ClientRegistration.register(target, REDIRECT), REDIRECT);
    }

    /** What a user's browser does: open the authorization URL (auto-approved) and land on the redirect. */
    private URI approve(PendingAuthorization pending) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(pending.authorizationUrl()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(302);
        return URI.create(response.headers().firstValue("Location").orElseThrow());
    }

    private AuthorizationTarget discover(HttpResponse<String> unauthorized) throws OAuthException {
        Optional<BearerChallenge> challenge = BearerChallenge.parse(unauthorized.headers().firstValue("WWW-Authenticate").orElse(null));
        assertThat(challenge).isPresent();
        return Discovery.discover(fixture.mcpUrl(), challenge, Optional.empty());
    }

    private HttpResponse<String> callMcp(Optional<String> accessToken) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(fixture.mcpUrl())
                .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}"));
        accessToken.ifPresent(token -> request.header("Authorization", "Bearer " + token));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private interface OAuthCall {
        Object run() throws OAuthException;
    }

    private static OAuthException catchOAuth(OAuthCall call) {
        try {
            call.run();
        } catch (OAuthException e) {
            return e;
        }
        throw new AssertionError("expected an OAuthException");
    }
}
