package dev.zeroclaw.oauth;

import java.io.IOException;
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
}
