package dev.zeroclaw.oauth;

import static java.util.Objects.requireNonNull;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.oauth2.sdk.as.AuthorizationServerMetadata;
import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import com.nimbusds.oauth2.sdk.auth.ClientAuthenticationMethod;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.ClientSecretPost;
import com.nimbusds.oauth2.sdk.auth.JWTAuthenticationClaimsSet;
import com.nimbusds.oauth2.sdk.auth.PrivateKeyJWT;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.id.Audience;
import com.nimbusds.oauth2.sdk.id.ClientID;
import dev.zeroclaw.api.PrivateKeyPem;
import java.net.URI;
import java.security.PrivateKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateKey;
import java.util.List;
import java.util.Optional;

/**
 * The OAuth client zeroclaw is at one authorization server: a configured {@code oauth_client_id} (and secret, or
 * private key for {@code private_key_jwt}), or one it registered (RFC 7591). Neither the secret nor the key ever
 * appears in {@link #toString()}.
 *
 * @param privateKey the PEM private key ({@code oauth_client_key}) of a {@code private_key_jwt} client (RFC 7523);
 *     it comes from the configuration only, and is never stored with the tokens
 * @param keyId the {@code kid} its assertions name ({@code oauth_client_key_id}), if any
 */
public record ClientIdentity(String clientId, Optional<String> secret, String authMethod, Optional<String> privateKey,
        Optional<String> keyId) {

    public ClientIdentity {
        requireNonNull(clientId, "clientId is null");
        requireNonNull(secret, "secret is null");
        requireNonNull(authMethod, "authMethod is null");
        requireNonNull(privateKey, "privateKey is null");
        requireNonNull(keyId, "keyId is null");
        if (clientId.isBlank()) {
            throw new IllegalArgumentException("client id is blank");
        }
    }

    /** A client without a private key. */
    public ClientIdentity(String clientId, Optional<String> secret, String authMethod) {
        this(clientId, secret, authMethod, Optional.empty(), Optional.empty());
    }

    /** A public client (no secret): PKCE alone protects the code. */
    public static ClientIdentity publicClient(String clientId) {
        return new ClientIdentity(clientId, Optional.empty(), ClientAuthenticationMethod.NONE.getValue());
    }

    /** A confidential client authenticating with HTTP Basic, the default of RFC 6749 section 2.3.1. */
    public static ClientIdentity confidential(String clientId, String secret) {
        return new ClientIdentity(clientId, Optional.of(secret), ClientAuthenticationMethod.CLIENT_SECRET_BASIC.getValue());
    }

    /**
     * A confidential client authenticating the way the authorization server's metadata lists
     * ({@code token_endpoint_auth_methods_supported}): HTTP Basic when listed or when nothing is listed (the default of
     * RFC 8414 and RFC 6749), else the secret in the form.
     */
    public static ClientIdentity confidential(String clientId, String secret, List<ClientAuthenticationMethod> supported) {
        if (supported != null && !supported.isEmpty() && !supported.contains(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                && supported.contains(ClientAuthenticationMethod.CLIENT_SECRET_POST)) {
            return new ClientIdentity(clientId, Optional.of(secret), ClientAuthenticationMethod.CLIENT_SECRET_POST.getValue());
        }
        return confidential(clientId, secret);
    }

    /** A client authenticating with a JWT it signs with its private key ({@code private_key_jwt}, RFC 7523). */
    public static ClientIdentity privateKeyJwt(String clientId, String privateKeyPem, Optional<String> keyId) {
        return new ClientIdentity(clientId, Optional.empty(), ClientAuthenticationMethod.PRIVATE_KEY_JWT.getValue(),
                Optional.of(privateKeyPem), keyId);
    }

    /** The authentication to attach to a request to {@code target}'s authorization server. */
    Optional<ClientAuthentication> authentication(AuthorizationTarget target) throws OAuthException {
        return authentication(target.issuer(), target.metadata());
    }

    /**
     * The authentication to attach to a request to the authorization server {@code issuer}, or empty for a public
     * client (which sends its id). A private key signs a fresh assertion each time: aud the issuer, a random jti,
     * expiring in 5 minutes (Nimbus' default), with the algorithm the server lists that fits the key.
     */
    Optional<ClientAuthentication> authentication(URI issuer, AuthorizationServerMetadata metadata) throws OAuthException {
        if (authMethod.equals(ClientAuthenticationMethod.PRIVATE_KEY_JWT.getValue())) {
            if (privateKey.isEmpty()) {
                throw new OAuthException("OAuth client '" + clientId + "' authenticates with a private key, and none is"
                        + " configured: set oauth_client_key");
            }
            PrivateKey key;
            try {
                key = PrivateKeyPem.parse(privateKey.get());
            } catch (IllegalArgumentException e) {
                throw new OAuthException("oauth_client_key " + e.getMessage());
            }
            JWSAlgorithm algorithm = algorithm(key, metadata.getTokenEndpointJWSAlgs(), issuer);
            try {
                return Optional.of(new PrivateKeyJWT(new JWTAuthenticationClaimsSet(new ClientID(clientId),
                        new Audience(issuer.toString())), algorithm, key, keyId.orElse(null), null));
            } catch (JOSEException e) {
                throw new OAuthException("cannot sign the client assertion with oauth_client_key (" + algorithm + "): "
                        + e.getMessage());
            }
        }
        if (secret.isEmpty()) {
            return Optional.empty();
        }
        if (authMethod.equals(ClientAuthenticationMethod.CLIENT_SECRET_POST.getValue())) {
            return Optional.of(new ClientSecretPost(new ClientID(clientId), new Secret(secret.get())));
        }
        return Optional.of(new ClientSecretBasic(new ClientID(clientId), new Secret(secret.get())));
    }

    /**
     * The signing algorithm for {@code key}: the first the server lists that fits it
     * ({@code token_endpoint_auth_signing_alg_values_supported}), else ES256/ES384/ES512 by the EC key's curve, RS256
     * for RSA.
     */
    static JWSAlgorithm algorithm(PrivateKey key, List<JWSAlgorithm> supported, URI issuer) throws OAuthException {
        List<JWSAlgorithm> fitting;
        if (key instanceof ECPrivateKey ec) {
            int bits = ec.getParams().getCurve().getField().getFieldSize();
            JWSAlgorithm byCurve = bits <= 256 ? JWSAlgorithm.ES256 : bits <= 384 ? JWSAlgorithm.ES384 : JWSAlgorithm.ES512;
            fitting = List.of(byCurve);
        } else if (key instanceof RSAPrivateKey) {
            fitting = List.of(JWSAlgorithm.RS256, JWSAlgorithm.PS256, JWSAlgorithm.RS384, JWSAlgorithm.PS384,
                    JWSAlgorithm.RS512, JWSAlgorithm.PS512);
        } else {
            throw new OAuthException("oauth_client_key is neither an EC nor an RSA key");
        }
        if (supported == null || supported.isEmpty()) {
            return fitting.get(0);
        }
        return supported.stream().filter(fitting::contains).findFirst()
                .orElseThrow(() -> new OAuthException("authorization server " + issuer + " accepts client assertions signed with "
                        + supported + " only; oauth_client_key is " + (key instanceof ECPrivateKey ? "an EC key for "
                        + fitting.get(0) : "an RSA key") + ": give a key of a listed kind"));
    }

    @Override
    public String toString() {
        return "ClientIdentity[clientId=" + clientId + ", secret=" + (secret.isPresent() ? "(set)" : "(none)")
                + (privateKey.isPresent() ? ", privateKey=(set)" : "") + keyId.map(kid -> ", keyId=" + kid).orElse("")
                + ", authMethod=" + authMethod + "]";
    }
}
