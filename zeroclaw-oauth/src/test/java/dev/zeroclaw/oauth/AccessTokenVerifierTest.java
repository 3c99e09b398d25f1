package dev.zeroclaw.oauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * JWT access tokens as the gateway checks them, against a loopback identity provider ({@link JwksIssuerFixture}) whose
 * keys are generated here: discovery of {@code jwks_uri}, signature, algorithm, issuer, audience, time, scopes, and
 * the key set fetched again for an unknown key id, within a bound.
 */
class AccessTokenVerifierTest {

    private static final String AUDIENCE = "http://127.0.0.1:8765/mcp";

    private JwksIssuerFixture idp;
    private RSAKey key;
    private AccessTokenVerifier verifier;

    @BeforeEach
    void startTheIdentityProvider() throws Exception {
        idp = new JwksIssuerFixture();
        key = JwksIssuerFixture.rsaKey("key-1");
        idp.publish(key);
        verifier = new AccessTokenVerifier(idp.issuer(), Optional.empty());
    }

    @AfterEach
    void stopIt() {
        idp.close();
    }

    @Test
    void aValidTokenGivesItsScopesAndTheKeysAreFetchedOnce() throws Exception {
        String token = JwksIssuerFixture.sign(key, idp.claims(AUDIENCE, "mcp:read mcp:files").build());

        assertThat(verifier.verify(token, AUDIENCE)).containsExactlyInAnyOrder("mcp:read", "mcp:files");
        assertThat(verifier.verify(token, AUDIENCE)).hasSize(2);
        assertThat(idp.keyFetches()).isEqualTo(1);
    }

    @Test
    void es256AndAnScpListAreAcceptedToo() throws Exception {
        ECKey ec = JwksIssuerFixture.ecKey("ec-1");
        idp.publish(ec);
        String token = JwksIssuerFixture.sign(ec, idp.claims(AUDIENCE, null).claim("scp", List.of("mcp:files")).build());

        assertThat(verifier.verify(token, AUDIENCE)).containsExactly("mcp:files");
    }

    @Test
    void anotherAudienceIsRefusedWithoutQuotingTheToken() throws Exception {
        String token = JwksIssuerFixture.sign(key, idp.claims("https://other.example.com/mcp", "mcp:read").build());

        assertThatThrownBy(() -> verifier.verify(token, AUDIENCE)).isInstanceOf(OAuthException.class)
                .hasMessageStartingWith("access token refused: ").hasMessageContaining("aud")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(token).doesNotContain(token.substring(token.lastIndexOf('.') + 1)));
    }

    @Test
    void anotherIssuerIsRefused() throws Exception {
        String token = JwksIssuerFixture.sign(key, idp.claims(AUDIENCE, "mcp:read").issuer("https://evil.example.com").build());

        assertThatThrownBy(() -> verifier.verify(token, AUDIENCE)).isInstanceOf(OAuthException.class).hasMessageContaining("iss");
    }

    @Test
    void anExpiredTokenIsRefusedButOneWithinTheSkewIsNot() throws Exception {
        long now = System.currentTimeMillis();
        String expired = JwksIssuerFixture.sign(key, idp.claims(AUDIENCE, "mcp:read").expirationTime(new Date(now - 3_600_000)).build());
        String justExpired = JwksIssuerFixture.sign(key, idp.claims(AUDIENCE, "mcp:read").expirationTime(new Date(now - 10_000)).build());
        String notYet = JwksIssuerFixture.sign(key, idp.claims(AUDIENCE, "mcp:read").notBeforeTime(new Date(now + 600_000)).build());
        String noExpiry = JwksIssuerFixture.sign(key, idp.claims(AUDIENCE, "mcp:read").expirationTime(null).build());

        assertThatThrownBy(() -> verifier.verify(expired, AUDIENCE)).hasMessageContaining("Expired");
        assertThat(verifier.verify(justExpired, AUDIENCE)).containsExactly("mcp:read");
        assertThatThrownBy(() -> verifier.verify(notYet, AUDIENCE)).hasMessageContaining("before use time");
        assertThatThrownBy(() -> verifier.verify(noExpiry, AUDIENCE)).hasMessageContaining("exp");
    }

    @Test
    void noneAndSharedSecretAlgorithmsAreRefused() throws Exception {
        JWTClaimsSet claims = idp.claims(AUDIENCE, "mcp:read").build();
        String unsigned = new PlainJWT(claims).serialize();
        SignedJWT hs256 = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("key-1").build(), claims);
        hs256.sign(new MACSigner(new byte[32]));

        assertThatThrownBy(() -> verifier.verify(unsigned, AUDIENCE)).isInstanceOf(OAuthException.class)
                .hasMessage("the access token is not a signed JWT");
        assertThatThrownBy(() -> verifier.verify(hs256.serialize(), AUDIENCE)).isInstanceOf(OAuthException.class)
                .hasMessageStartingWith("access token refused: ");
    }

    @Test
    void aTokenSignedByAKeyNotInTheSetIsRefusedAndTheSetIsNotFetchedForEachSuchToken() throws Exception {
        verifier.verify(JwksIssuerFixture.sign(key, idp.claims(AUDIENCE, "mcp:read").build()), AUDIENCE);
        RSAKey stranger = JwksIssuerFixture.rsaKey("stranger");

        for (int i = 0; i < 5; i++) {
            String token = JwksIssuerFixture.sign(stranger, idp.claims(AUDIENCE, "mcp:read").build());
            assertThatThrownBy(() -> verifier.verify(token, AUDIENCE)).isInstanceOf(OAuthException.class);
        }

        // Nimbus' rate limit: at most two fetches in each interval, the first one's included.
        assertThat(idp.keyFetches()).as("at most two fetches per %s s", AccessTokenVerifier.REFETCH_SECONDS).isEqualTo(2);
    }

    @Test
    void aRotatedKeyIsFoundByFetchingTheSetAgain() throws Exception {
        AccessTokenVerifier unbounded = new AccessTokenVerifier(idp.issuer(), Optional.empty(), Duration.ZERO);
        unbounded.verify(JwksIssuerFixture.sign(key, idp.claims(AUDIENCE, "mcp:read").build()), AUDIENCE);
        RSAKey next = JwksIssuerFixture.rsaKey("key-2");
        idp.publish(next);

        assertThat(unbounded.verify(JwksIssuerFixture.sign(next, idp.claims(AUDIENCE, "mcp:write").build()), AUDIENCE))
                .containsExactly("mcp:write");
        assertThat(idp.keyFetches()).isEqualTo(2);
    }

    @Test
    void aConfiguredKeySetUrlNeedsNoDiscoveryAndAnIssuerWithoutMetadataSaysWhatToSet() throws Exception {
        AccessTokenVerifier configured = new AccessTokenVerifier(idp.issuer(), Optional.of(URI.create(idp.issuer() + "/certs")));
        AccessTokenVerifier nowhere = new AccessTokenVerifier(URI.create(idp.issuer() + "/missing"), Optional.empty());
        String token = JwksIssuerFixture.sign(key, idp.claims(AUDIENCE, "mcp:read").build());

        assertThat(configured.verify(token, AUDIENCE)).containsExactly("mcp:read");
        assertThatThrownBy(() -> nowhere.verify(token, AUDIENCE)).isInstanceOf(OAuthException.class)
                .hasMessageStartingWith("no authorization server metadata for " + idp.issuer() + "/missing");
    }
}
