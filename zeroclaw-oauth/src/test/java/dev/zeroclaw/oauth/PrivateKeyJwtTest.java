package dev.zeroclaw.oauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.zeroclaw.api.OAuthGrant;
import dev.zeroclaw.api.OAuthSettings;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.time.Clock;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@code oauth_client_key}: {@code client_credentials} with {@code private_key_jwt} (RFC 7523) against
 * {@link AuthorizationServerFixture}, which accepts only an assertion signed by the client's key, for its issuer,
 * once.
 */
class PrivateKeyJwtTest extends LoopbackAuthorizationTest {

    private final ECKey key = generate();

    @Test
    void theConfiguredKeySignsAFreshAssertionForEachTokenRequest() throws Exception {
        fixture.acceptClientAssertions(key.toPublicJWK(), List.of("ES256"));
        ServerAuthorization authorization = authorization(pem(key));

        String token = authorization.accessToken();
        assertThat(status(token)).isEqualTo(200);
        fixture.expireAccessTokens();
        String renewed = authorization.afterUnauthorized(Optional.empty());

        assertThat(status(renewed)).isEqualTo(200);
        List<SignedJWT> assertions = fixture.assertions();
        assertThat(assertions).hasSize(2);
        JWTClaimsSet claims = assertions.get(0).getJWTClaimsSet();
        assertThat(assertions.get(0).getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.ES256);
        assertThat(assertions.get(0).getHeader().getKeyID()).isEqualTo("key-1");
        assertThat(claims.getIssuer()).isEqualTo(AuthorizationServerFixture.CONFIDENTIAL_ID);
        assertThat(claims.getSubject()).isEqualTo(AuthorizationServerFixture.CONFIDENTIAL_ID);
        assertThat(claims.getAudience()).containsExactly(fixture.issuer());
        assertThat(claims.getExpirationTime()).isBefore(new Date(System.currentTimeMillis() + 301_000)); // short-lived
        assertThat(assertions.get(1).getJWTClaimsSet().getJWTID()).isNotEqualTo(claims.getJWTID());
    }

    @Test
    void theKeyIsNeitherStoredWithTheTokensNorPrinted() throws Exception {
        fixture.acceptClientAssertions(key.toPublicJWK(), List.of("ES256"));
        String pem = pem(key);
        String body = pem.lines().filter(line -> !line.startsWith("-----")).findFirst().orElseThrow();
        OAuthSettings settings = settings(pem);

        authorization(pem).accessToken();

        try (Stream<Path> files = Files.walk(state)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                assertThat(Files.readString(file)).doesNotContain(body).contains("private_key_jwt");
            }
        }
        assertThat(settings.toString()).doesNotContain(body);
        assertThat(ClientIdentity.privateKeyJwt("c", pem, Optional.empty()).toString()).doesNotContain(body);
    }

    @Test
    void aStoredLoginGetsTheKeyBackFromTheConfigurationOfTheSameClientOnly() throws Exception {
        fixture.acceptClientAssertions(key.toPublicJWK(), List.of("ES256"));
        String pem = pem(key);
        authorization(pem).accessToken();

        StoredAuthorization stored = store.load("remote").get(0);

        assertThat(stored.client().authMethod()).isEqualTo("private_key_jwt");
        assertThat(stored.client().privateKey()).isEmpty();
        assertThat(stored.withConfiguredKey(settings(pem)).client().privateKey()).contains(pem);
        assertThat(stored.withConfiguredKey(settings(pem)).client().keyId()).contains("key-1");
        OAuthSettings otherClient = new OAuthSettings(Optional.of("other"), Optional.empty(), OAuthGrant.CLIENT_CREDENTIALS,
                List.of(), Optional.empty(), Optional.of(pem), Optional.empty());
        assertThat(stored.withConfiguredKey(otherClient)).isSameAs(stored);
    }

    @Test
    void anotherKeyIsRefusedAndTheErrorDoesNotQuoteIt() throws Exception {
        fixture.acceptClientAssertions(key.toPublicJWK(), List.of("ES256"));
        String wrong = pem(generate());

        assertThatThrownBy(() -> authorization(wrong).accessToken()).isInstanceOf(OAuthException.class)
                .hasMessageContaining("client_credentials").hasMessageContaining("invalid_client")
                .hasMessageNotContaining(wrong.lines().skip(1).findFirst().orElseThrow());
    }

    @Test
    void aKeyThatFitsNoAlgorithmTheServerListsIsAnErrorBeforeAnyRequest() throws Exception {
        fixture.acceptClientAssertions(key.toPublicJWK(), List.of("RS256", "PS256"));

        assertThatThrownBy(() -> authorization(pem(key)).accessToken()).isInstanceOf(OAuthException.class)
                .hasMessageContaining("[RS256, PS256]").hasMessageContaining("oauth_client_key is an EC key for ES256");
        assertThat(fixture.assertions()).isEmpty();
    }

    @Test
    void anRsaKeySignsWithAnRsaAlgorithmTheServerLists() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        PrivateKey rsa = generator.generateKeyPair().getPrivate();

        assertThat(ClientIdentity.algorithm(rsa, List.of(JWSAlgorithm.ES256, JWSAlgorithm.PS256), fixture.mcpUrl()))
                .isEqualTo(JWSAlgorithm.PS256);
        assertThat(ClientIdentity.algorithm(rsa, null, fixture.mcpUrl())).isEqualTo(JWSAlgorithm.RS256);
    }

    private ServerAuthorization authorization(String pem) {
        return new ServerAuthorization("remote", fixture.mcpUrl(), settings(pem), store, Clock.systemUTC());
    }

    private static OAuthSettings settings(String pem) {
        return new OAuthSettings(Optional.of(AuthorizationServerFixture.CONFIDENTIAL_ID), Optional.empty(),
                OAuthGrant.CLIENT_CREDENTIALS, List.of(), Optional.empty(), Optional.of(pem), Optional.of("key-1"));
    }

    private int status(String token) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(fixture.mcpUrl()).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}")).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** The PKCS#8 PEM an operator would put in oauth_client_key. */
    static String pem(ECKey key) throws JOSEException {
        return "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(key.toPrivateKey().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
    }

    private static ECKey generate() {
        try {
            return new ECKeyGenerator(Curve.P_256).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
