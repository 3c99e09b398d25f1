package dev.zeroclaw.oauth;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** A fresh {@link AuthorizationServerFixture} and an empty {@link TokenStore} for each test. */
abstract class LoopbackAuthorizationTest {

    @TempDir
    Path state;

    AuthorizationServerFixture fixture;
    TokenStore store;

    @BeforeEach
    void startAuthorizationServer() throws IOException {
        fixture = new AuthorizationServerFixture();
        store = TokenStore.open(state);
    }

    @AfterEach
    void stopAuthorizationServer() {
        fixture.close();
    }

    /** What {@code zeroclaw auth login} and a browser do: open the URL, take the redirect, redeem it. */
    static PendingAuthorization browserLogin(ServerAuthorization authorization) throws Exception {
        PendingAuthorization pending = authorization.startLogin(URI.create("http://127.0.0.1:9/callback"));
        HttpResponse<Void> approved = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build()
                .send(HttpRequest.newBuilder(pending.authorizationUrl()).build(), HttpResponse.BodyHandlers.discarding());
        authorization.completeLogin(pending, URI.create(approved.headers().firstValue("Location").orElseThrow()));
        return pending;
    }
}
