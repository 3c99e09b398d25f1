package dev.zeroclaw.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zeroclaw.api.OAuthGrant;
import dev.zeroclaw.api.OAuthSettings;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * What a reload that changes a server's {@code url}, {@code oauth_client_id} or {@code oauth_scopes} does to its
 * login (issue 16 item 4): the restarted server's new {@link ServerAuthorization} keeps the tokens when the
 * resource and the authorization server are the same, and never sends them to another resource, another
 * authorization server or as another client; the error says to log in again and shows no token.
 */
class TokensAcrossChangesTest extends LoopbackAuthorizationTest {

    private static final URI REDIRECT = URI.create("http://127.0.0.1:9/callback");

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @Test
    void aNewUrlForTheSameResourceKeepsTheTokens() throws Exception {
        String token = loggedIn().accessToken();

        ServerAuthorization restarted = authorization(URI.create(fixture.mcpUrl() + "?profile=2"), OAuthSettings.NONE);

        assertThat(restarted.accessToken()).isEqualTo(token);
    }

    @Test
    void newScopesKeepTheTokens() throws Exception {
        String token = loggedIn().accessToken();

        ServerAuthorization restarted = authorization(fixture.mcpUrl(), new OAuthSettings(Optional.empty(), Optional.empty(),
                OAuthGrant.AUTHORIZATION_CODE, List.of("mcp:read", "mcp:write")));

        assertThat(restarted.accessToken()).isEqualTo(token);
    }

    @Test
    void aUrlOfAnotherResourceGetsNoTokenAndSaysToLogIn() throws Exception {
        String token = loggedIn().accessToken();
        try (AuthorizationServerFixture other = new AuthorizationServerFixture()) {
            ServerAuthorization moved = authorization(other.mcpUrl(), OAuthSettings.NONE);

            OAuthException error = catchOAuth(moved::accessToken);
            OAuthException afterChallenge = catchOAuth(() -> moved.afterUnauthorized(Optional.of(
                    "Bearer resource_metadata=\"" + other.issuer() + "/.well-known/oauth-protected-resource/mcp\"")));

            assertThat(error.needsNewLogin()).isTrue();
            assertThat(error.getMessage()).isEqualTo("server 'remote' has an OAuth login for " + fixture.mcpUrl()
                    + ", not for " + other.mcpUrl() + ": run zeroclaw auth login remote");
            assertThat(afterChallenge.needsNewLogin()).isTrue();
            assertThat(afterChallenge.getMessage()).contains("run zeroclaw auth login remote").doesNotContain(token);
            assertThat(other.resourcesSeen()).isEmpty(); // no refresh token went to the other authorization server
        }
    }

    @Test
    void anotherAuthorizationServerForTheSameResourceGetsNoRefreshToken() throws Exception {
        try (AuthorizationServerFixture previous = new AuthorizationServerFixture()) {
            // A login made while the resource named `previous` as its authorization server; it has expired.
            store.save(new StoredAuthorization("remote", ClientIdentity.publicClient("client-at-previous"),
                    new TokenSet(URI.create(previous.issuer()), fixture.mcpUrl(), "at-old", Optional.of("rt-old-secret"),
                            Optional.of(Instant.now().minusSeconds(60)), Optional.of("mcp:read"))));
            ServerAuthorization restarted = authorization(fixture.mcpUrl(), OAuthSettings.NONE);

            OAuthException error = catchOAuth(restarted::accessToken);

            assertThat(error.needsNewLogin()).isTrue();
            assertThat(error.getMessage()).isEqualTo("server 'remote' now uses authorization server " + fixture.issuer()
                    + " for resource " + fixture.mcpUrl() + "; its login is from " + previous.issuer() + " for "
                    + fixture.mcpUrl() + ": run zeroclaw auth login remote");
            assertThat(error.getMessage()).doesNotContain("rt-old-secret").doesNotContain("at-old");
            assertThat(fixture.resourcesSeen()).isEmpty(); // the token endpoint never saw the old refresh token
            assertThat(previous.resourcesSeen()).isEmpty();
            assertThat(catchOAuth(restarted::accessToken).getMessage()).isEqualTo(error.getMessage()); // and stays so
        }
    }

    @Test
    void anotherClientIdDoesNotUseTheLoginOfTheRegisteredClient() throws Exception {
        ServerAuthorization before = loggedIn();
        String registered = store.load("remote").get(0).client().clientId();
        before.accessToken();

        ServerAuthorization restarted = authorization(fixture.mcpUrl(), new OAuthSettings(Optional.of("zeroclaw-prod"),
                Optional.empty(), OAuthGrant.AUTHORIZATION_CODE, List.of()));
        OAuthException error = catchOAuth(restarted::accessToken);

        assertThat(error.needsNewLogin()).isTrue();
        assertThat(error.getMessage()).isEqualTo("server 'remote' logged in as OAuth client '" + registered
                + "', but its oauth_client_id is now 'zeroclaw-prod': run zeroclaw auth login remote");
    }

    @Test
    void theClientIdThatLoggedInKeepsItsLogin() throws Exception {
        String token = loggedIn().accessToken();
        String registered = store.load("remote").get(0).client().clientId();

        ServerAuthorization restarted = authorization(fixture.mcpUrl(), new OAuthSettings(Optional.of(registered),
                Optional.empty(), OAuthGrant.AUTHORIZATION_CODE, List.of()));

        assertThat(restarted.accessToken()).isEqualTo(token);
    }

    @Test
    void aMissingLoginIsRememberedUntilTheStoreIsReadAgain() throws Exception {
        ServerAuthorization daemon = authorization(fixture.mcpUrl(), OAuthSettings.NONE);
        assertThat(catchOAuth(daemon::accessToken).needsNewLogin()).isTrue();

        loggedIn(); // `zeroclaw auth login remote`, another instance on the same store
        // Not read per request: the daemon does not look at the token directory again on its own...
        assertThat(catchOAuth(daemon::accessToken).needsNewLogin()).isTrue();
        daemon.reloadFromStore(); // ...but when told that the login changed

        assertThat(daemon.accessToken()).startsWith("at-");
    }

    @Test
    void aRefreshWritesOnlyTheTokenFile() throws Exception {
        // The state directory inside the config directory, the closest a token can get to config.toml.
        Path config = state.resolve("config.toml");
        Files.writeString(config, "[mcp]\nauto_reload = true\n");
        List<Path> before = listing();
        ServerAuthorization authorization = loggedIn();
        authorization.accessToken();
        fixture.expireAccessTokens();

        authorization.afterUnauthorized(Optional.of("Bearer resource_metadata=\"" + fixture.issuer()
                + "/.well-known/oauth-protected-resource/mcp\""));

        assertThat(Files.readString(config)).isEqualTo("[mcp]\nauto_reload = true\n");
        assertThat(listing()).containsExactlyElementsOf(before);
        try (var files = Files.list(store.directory())) {
            assertThat(files.map(file -> file.getFileName().toString()).toList()).singleElement()
                    .satisfies(name -> assertThat(name).startsWith("remote@").endsWith(".json"));
        }
    }

    private List<Path> listing() throws Exception {
        try (var files = Files.list(state)) {
            return files.sorted().toList();
        }
    }

    private ServerAuthorization authorization(URI url, OAuthSettings settings) {
        return new ServerAuthorization("remote", url, settings, store, Clock.systemUTC());
    }

    /** A login as {@code zeroclaw auth login remote} makes it, headlessly, with the fixture's url. */
    private ServerAuthorization loggedIn() throws Exception {
        ServerAuthorization authorization = authorization(fixture.mcpUrl(), OAuthSettings.NONE);
        PendingAuthorization pending = authorization.startLogin(REDIRECT);
        HttpResponse<String> approved = http.send(HttpRequest.newBuilder(pending.authorizationUrl()).build(),
                HttpResponse.BodyHandlers.ofString());
        authorization.completeLogin(pending, URI.create(approved.headers().firstValue("Location").orElseThrow()));
        return authorization;
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
            throw new AssertionError("expected an OAuthException, got " + e.getClass().getName(), e);
        }
        throw new AssertionError("expected an OAuthException");
    }
}
