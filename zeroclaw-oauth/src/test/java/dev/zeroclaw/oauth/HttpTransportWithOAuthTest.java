package dev.zeroclaw.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zeroclaw.api.OAuthGrant;
import dev.zeroclaw.api.OAuthSettings;
import dev.zeroclaw.api.ServerSpec;
import dev.zeroclaw.api.transport.Transport;
import dev.zeroclaw.api.transport.TransportContext;
import dev.zeroclaw.api.transport.TransportEnd;
import dev.zeroclaw.api.transport.TransportListener;
import dev.zeroclaw.transport.http.HttpTransportProvider;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The real {@code http} transport (found as the daemon finds it) reaching an MCP server behind the loopback
 * authorization server, with its tokens from the store: a login, an expired token renewed after the 401 without
 * the session noticing, a revoked refresh token answered with the command to run, and client credentials.
 */
class HttpTransportWithOAuthTest extends LoopbackAuthorizationTest {

    private static final String INITIALIZE = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":"
            + "{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"test\",\"version\":\"1\"}}}";
    private static final String TOOLS_LIST = "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\",\"params\":{}}";

    private final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
    private Transport transport;

    @AfterEach
    void closeTransport() {
        if (transport != null) {
            transport.close(Duration.ofSeconds(1));
        }
    }

    @Test
    void afterALoginTheSessionSurvivesAnExpiredToken() throws Exception {
        login();
        open(OAuthSettings.NONE);

        transport.send(INITIALIZE);
        assertThat(next()).contains("oauth-fixture");
        fixture.expireAccessTokens();
        transport.send(TOOLS_LIST);

        assertThat(next()).contains("\"id\":2").contains("whoami");
    }

    @Test
    void aRevokedRefreshTokenAnswersWithTheCommandToRun() throws Exception {
        login();
        open(OAuthSettings.NONE);
        transport.send(INITIALIZE);
        assertThat(next()).contains("oauth-fixture");
        fixture.expireAccessTokens();
        fixture.revokeRefreshTokens();

        transport.send(TOOLS_LIST);

        assertThat(next()).contains("\"id\":2").contains("\"error\"")
                .contains("needs an OAuth login: run zeroclaw auth login remote");
    }

    @Test
    void withoutALoginTheFirstRequestSaysToLogIn() throws Exception {
        open(OAuthSettings.NONE);

        transport.send(INITIALIZE);

        assertThat(next()).contains("\"id\":1").contains("server 'remote' needs an OAuth login: run zeroclaw auth login remote");
    }

    @Test
    void clientCredentialsConnectWithoutALogin() throws Exception {
        open(new OAuthSettings(Optional.of(AuthorizationServerFixture.CONFIDENTIAL_ID),
                Optional.of(AuthorizationServerFixture.CONFIDENTIAL_SECRET), OAuthGrant.CLIENT_CREDENTIALS, List.of()));

        transport.send(INITIALIZE);

        assertThat(next()).contains("oauth-fixture");
    }

    private void open(OAuthSettings settings) throws IOException {
        ServerSpec spec = ServerSpec.builder("remote").transport("http").url(fixture.mcpUrl().toString()).oauth(settings).build();
        OAuthRequestAuthorization authorization = new OAuthRequestAuthorization(
                new ServerAuthorization("remote", fixture.mcpUrl(), settings, store, Clock.systemUTC()), !settings.isNone());
        transport = new HttpTransportProvider().open(spec, new TransportContext("remote", 1, Set.of(), authorization));
        transport.start(new TransportListener() {
            @Override
            public void onMessage(String message) {
                messages.add(message);
            }

            @Override
            public void onClosed(TransportEnd end) {
                messages.add("closed: " + end.reason());
            }
        });
    }

    /** What `zeroclaw auth login remote` does, headlessly, before the daemon connects. */
    private void login() throws Exception {
        ServerAuthorization authorization = new ServerAuthorization("remote", fixture.mcpUrl(), OAuthSettings.NONE, store,
                Clock.systemUTC());
        PendingAuthorization pending = authorization.startLogin(URI.create("http://127.0.0.1:9/callback"));
        HttpResponse<String> approved = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build()
                .send(HttpRequest.newBuilder(pending.authorizationUrl()).build(), HttpResponse.BodyHandlers.ofString());
        authorization.completeLogin(pending, URI.create(approved.headers().firstValue("Location").orElseThrow()));
    }

    private String next() throws InterruptedException {
        String message = messages.poll(20, TimeUnit.SECONDS);
        assertThat(message).as("a message within 20 s").isNotNull();
        return message;
    }
}
