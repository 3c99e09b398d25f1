package dev.zeroclaw.oauth;

import static java.util.Objects.requireNonNull;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.net.MalformedURLException;
import java.net.URI;
import java.text.ParseException;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * JWT access tokens of one issuer, checked as a resource server checks them (the gateway with {@code [mcp.gateway]
 * oauth_issuer}): signed by a key of the issuer's JWK set ({@code jwks_uri} of its RFC 8414 or OpenID metadata, or
 * a configured URL) with an allowed algorithm ({@link #ALGORITHMS}: never {@code none}, never a shared-secret
 * {@code HS*}), {@code iss} the issuer, {@code aud} naming the audience, {@code exp} required, {@code exp} and
 * {@code nbf} with {@value #CLOCK_SKEW_SECONDS} s of skew.
 *
 * <p>The keys are fetched at the first token, kept {@value #KEYS_TTL_MINUTES} minutes, and fetched again for a key id
 * they do not hold (a rotation), at most twice per {@value #REFETCH_SECONDS} s (Nimbus' rate limit) whatever the
 * tokens say. A failed discovery is tried again no sooner than {@value #REFETCH_SECONDS} s. No message holds a token.
 *
 * <p>Thread safety: safe; the key source is made once, under {@code this}.
 */
public final class AccessTokenVerifier {

    public static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256, JWSAlgorithm.PS256);
    static final int CLOCK_SKEW_SECONDS = 60;
    static final long KEYS_TTL_MINUTES = 5;
    static final long REFETCH_SECONDS = 30;

    private final URI issuer;
    private final Optional<URI> jwksUrl;
    private final Duration refetch;

    // Guarded by this.
    private JWKSource<SecurityContext> keys;
    private long nextDiscoveryNanos;
    private OAuthException discoveryFailure;

    /**
     * @param issuer the authorization server whose tokens are accepted ({@code iss})
     * @param jwksUrl where its keys are; empty to read {@code jwks_uri} from its metadata
     */
    public AccessTokenVerifier(URI issuer, Optional<URI> jwksUrl) {
        this(issuer, jwksUrl, Duration.ofSeconds(REFETCH_SECONDS));
    }

    /** @param refetch the least time between two fetches of the keys (tests of a key rotation use zero) */
    AccessTokenVerifier(URI issuer, Optional<URI> jwksUrl, Duration refetch) {
        this.issuer = requireNonNull(issuer, "issuer is null");
        this.jwksUrl = requireNonNull(jwksUrl, "jwksUrl is null");
        this.refetch = requireNonNull(refetch, "refetch is null");
    }

    /**
     * The scopes of {@code token} ({@code scope}, space-separated, or {@code scp}, a list) when it is valid for
     * {@code audience}.
     *
     * @throws OAuthException why it is not; the message quotes no token
     */
    public Set<String> verify(String token, String audience) throws OAuthException {
        requireNonNull(token, "token is null");
        requireNonNull(audience, "audience is null");
        SignedJWT jwt;
        try {
            jwt = SignedJWT.parse(token);
        } catch (ParseException e) {
            throw new OAuthException("the access token is not a signed JWT", "invalid_token", null);
        }
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        // RFC 9068 names at+jwt; most identity providers send JWT or nothing.
        processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(JOSEObjectType.JWT, new JOSEObjectType("at+jwt"), null));
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(ALGORITHMS, keys()));
        DefaultJWTClaimsVerifier<SecurityContext> claims = new DefaultJWTClaimsVerifier<>(Set.of(audience),
                new JWTClaimsSet.Builder().issuer(issuer.toString()).build(), Set.of("exp"), null);
        claims.setMaxClockSkew(CLOCK_SKEW_SECONDS);
        processor.setJWTClaimsSetVerifier(claims);
        JWTClaimsSet set;
        try {
            set = processor.process(jwt, null);
        } catch (BadJOSEException e) {
            throw new OAuthException("access token refused: " + e.getMessage(), "invalid_token", null);
        } catch (JOSEException e) {
            throw new OAuthException("access token not checked: the keys of " + issuer + " are not available (" + e.getMessage() + ")");
        }
        return scopes(set);
    }

    private static Set<String> scopes(JWTClaimsSet claims) throws OAuthException {
        Set<String> scopes = new LinkedHashSet<>();
        try {
            String scope = claims.getStringClaim("scope");
            if (scope != null) {
                scopes.addAll(Arrays.asList(scope.trim().split("\\s+")));
            }
            List<String> scp = claims.getClaim("scp") instanceof String single ? List.of(single) : claims.getStringListClaim("scp");
            if (scp != null) {
                scopes.addAll(scp);
            }
        } catch (ParseException e) {
            throw new OAuthException("access token refused: its scope claim is neither a string nor a list of strings", "invalid_token", null);
        }
        scopes.remove("");
        return Set.copyOf(scopes);
    }

    private synchronized JWKSource<SecurityContext> keys() throws OAuthException {
        if (keys != null) {
            return keys;
        }
        if (discoveryFailure != null && System.nanoTime() - nextDiscoveryNanos < 0) {
            throw discoveryFailure;
        }
        try {
            URI url = Endpoints.requireSecure(jwksUrl.isPresent() ? jwksUrl.get() : discoveredKeys(), "JWK set URL");
            JWKSourceBuilder<SecurityContext> source = JWKSourceBuilder.<SecurityContext>create(url.toURL())
                    .cache(TimeUnit.MINUTES.toMillis(KEYS_TTL_MINUTES), JWKSourceBuilder.DEFAULT_CACHE_REFRESH_TIMEOUT)
                    .refreshAheadCache(false)
                    .retrying(false)
                    .outageTolerant(false);
            keys = (refetch.isZero() ? source.rateLimited(false) : source.rateLimited(refetch.toMillis())).build();
            discoveryFailure = null;
            return keys;
        } catch (OAuthException e) {
            discoveryFailure = e;
            nextDiscoveryNanos = System.nanoTime() + refetch.toNanos();
            throw e;
        } catch (MalformedURLException | IllegalArgumentException e) {
            throw new OAuthException("the JWK set URL of " + issuer + " is not valid: " + e.getMessage());
        }
    }

    private URI discoveredKeys() throws OAuthException {
        URI url = Discovery.authorizationServer(Endpoints.requireSecure(issuer, "issuer")).getJWKSetURI();
        if (url == null) {
            throw new OAuthException("the metadata of " + issuer + " names no jwks_uri; set oauth_jwks_url in [mcp.gateway]");
        }
        return url;
    }

    @Override
    public String toString() {
        return "AccessTokenVerifier[issuer=" + issuer + ", jwks=" + jwksUrl.map(URI::toString).orElse("(from metadata)") + "]";
    }
}
