package dev.zeroclaw.oauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zeroclaw.api.OAuthSettings;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * The loopback redirect of {@code zeroclaw auth login}: the browser (this test, not following redirects) lands on
 * it with the code, the login completes, the browser is told; a foreign state, an {@code error=} callback and no
 * callback at all each end the wait with a message for the terminal.
 */
class LoopbackRedirectTest extends LoopbackAuthorizationTest {

    private final HttpClient browser = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @Test
    void theBrowsersCallbackCompletesTheLoginAndThePageSaysSo() throws Exception {
        ServerAuthorization authorization = new ServerAuthorization("remote", fixture.mcpUrl(), OAuthSettings.NONE, store,
                Clock.systemUTC());
        LoopbackRedirect redirect = LoopbackRedirect.open();
        PendingAuthorization pending = authorization.startLogin(redirect.redirectUri());
        redirect.expect(pending.state());
        URI location = URI.create(get(pending.authorizationUrl()).headers().firstValue("Location").orElseThrow());
        CompletableFuture<HttpResponse<String>> page = browser.sendAsync(HttpRequest.newBuilder(location).build(),
                HttpResponse.BodyHandlers.ofString());

        URI callback = redirect.await(Duration.ofSeconds(30));
        authorization.completeLogin(pending, callback);
        redirect.answer(true, "Logged in to remote. You can close this tab.");
        redirect.close(); // as the command does, right after: the page must still reach the browser

        assertThat(location.toString()).startsWith("http://127.0.0.1:" + redirect.port() + "/callback?");
        assertThat(page.get().statusCode()).isEqualTo(200);
        assertThat(page.get().body()).contains("Logged in to remote. You can close this tab.");
        assertThat(store.load("remote")).hasSize(1);
    }

    @Test
    void aCallbackWithAnotherStateEndsTheLoginWithAClearMessage() throws Exception {
        try (LoopbackRedirect redirect = LoopbackRedirect.open()) {
            redirect.expect("the-state-of-this-login");

            HttpResponse<String> page = get(URI.create(redirect.redirectUri() + "?code=stolen&state=another"));

            assertThat(page.statusCode()).isEqualTo(400);
            assertThat(page.body()).contains("does not match this login").doesNotContain("stolen");
            assertThatThrownBy(() -> redirect.await(Duration.ofSeconds(30))).isInstanceOf(OAuthException.class)
                    .hasMessage("the callback's state does not match this login (a stale or forged redirect); start the login again");
        }
    }

    @Test
    void anErrorCallbackSaysWhatTheAuthorizationServerAnswered() throws Exception {
        try (LoopbackRedirect redirect = LoopbackRedirect.open()) {
            redirect.expect("s1");

            HttpResponse<String> page = get(URI.create(redirect.redirectUri()
                    + "?error=access_denied&error_description=the+user+said+no&state=s1"));

            assertThat(page.statusCode()).isEqualTo(400);
            assertThat(page.body()).contains("access_denied (the user said no)");
            assertThatThrownBy(() -> redirect.await(Duration.ofSeconds(30))).isInstanceOf(OAuthException.class)
                    .hasMessage("the authorization server refused the login: access_denied (the user said no)");
        }
    }

    @Test
    void noCallbackInTimeSaysHowToWaitLonger() throws Exception {
        try (LoopbackRedirect redirect = LoopbackRedirect.open()) {
            redirect.expect("s1");

            assertThatThrownBy(() -> redirect.await(Duration.ofMillis(20))).isInstanceOf(OAuthException.class)
                    .hasMessageStartingWith("no browser came back to " + redirect.redirectUri())
                    .hasMessageEndingWith("run the login again (--timeout SECS waits longer)");
        }
    }

    @Test
    void otherPathsAreNotTheCallbackAndDoNotEndTheLogin() throws Exception {
        try (LoopbackRedirect redirect = LoopbackRedirect.open()) {
            redirect.expect("s1");

            HttpResponse<String> page = get(URI.create("http://127.0.0.1:" + redirect.port() + "/favicon.ico"));

            assertThat(page.statusCode()).isEqualTo(404);
            assertThat(redirect.redirectUri().getHost()).isEqualTo("127.0.0.1");
            assertThatThrownBy(() -> redirect.await(Duration.ofMillis(20))).hasMessageStartingWith("no browser came back");
        }
    }

    private HttpResponse<String> get(URI uri) throws Exception {
        return browser.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
    }
}
