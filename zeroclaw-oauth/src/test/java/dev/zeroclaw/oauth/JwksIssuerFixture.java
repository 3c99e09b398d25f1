package dev.zeroclaw.oauth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An identity provider as a resource server sees one, on the JDK's HTTP server: OpenID metadata at
 * {@code <issuer>/.well-known/openid-configuration} (Keycloak's layout, issuer {@code /realms/x}), its JWK set, and
 * keys generated in the test to sign access tokens with. It counts the fetches of the key set.
 */
final class JwksIssuerFixture implements AutoCloseable {

    private final HttpServer server;
    private final String issuer;
    private final List<JWK> published = new CopyOnWriteArrayList<>();
    private final AtomicInteger keyFetches = new AtomicInteger();

    JwksIssuerFixture() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        issuer = "http://127.0.0.1:" + server.getAddress().getPort() + "/realms/x";
        server.createContext("/", this::handle);
        server.start();
    }

    URI issuer() {
        return URI.create(issuer);
    }

    int keyFetches() {
        return keyFetches.get();
    }

    /** A new RSA key (publish it with {@link #publish}). */
    static RSAKey rsaKey(String kid) throws JOSEException {
        return new RSAKeyGenerator(2048).keyID(kid).generate();
    }

    static ECKey ecKey(String kid) throws JOSEException {
        return new ECKeyGenerator(Curve.P_256).keyID(kid).generate();
    }

    void publish(JWK key) {
        published.add(key.toPublicJWK());
    }

    /** A token of this issuer for {@code audience}, valid for an hour from now, with these scopes. */
    JWTClaimsSet.Builder claims(String audience, String scope) {
        long now = System.currentTimeMillis();
        return new JWTClaimsSet.Builder().issuer(issuer).audience(audience).subject("alice")
                .issueTime(new java.util.Date(now)).expirationTime(new java.util.Date(now + 3_600_000)).claim("scope", scope);
    }

    static String sign(JWK key, JWTClaimsSet claims) throws JOSEException {
        JWSSigner signer = key instanceof RSAKey rsa ? new RSASSASigner(rsa) : new ECDSASigner((ECKey) key);
        JWSAlgorithm algorithm = key instanceof RSAKey ? JWSAlgorithm.RS256 : JWSAlgorithm.ES256;
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(algorithm).keyID(key.getKeyID()).type(JOSEObjectType.JWT).build(), claims);
        jwt.sign(signer);
        return jwt.serialize();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Optional<String> body = answer(exchange.getRequestURI().getPath());
            byte[] bytes = body.orElse("{\"error\":\"not found\"}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(body.isPresent() ? 200 : 404, bytes.length);
            exchange.getResponseBody().write(bytes);
        }
    }

    /** The metadata or the key set; empty for any other path. */
    private Optional<String> answer(String path) {
        if (path.equals("/realms/x/.well-known/openid-configuration")) {
            return Optional.of("{\"issuer\":\"" + issuer + "\",\"authorization_endpoint\":\"" + issuer + "/auth\",\"token_endpoint\":\""
                    + issuer + "/token\",\"jwks_uri\":\"" + issuer + "/certs\",\"response_types_supported\":[\"code\"],"
                    + "\"subject_types_supported\":[\"public\"],\"id_token_signing_alg_values_supported\":[\"RS256\"]}");
        }
        if (path.equals("/realms/x/certs")) {
            keyFetches.incrementAndGet();
            return Optional.of(new JWKSet(List.copyOf(published)).toString(true));
        }
        return Optional.empty();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
