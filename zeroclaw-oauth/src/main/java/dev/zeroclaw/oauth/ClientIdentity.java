package dev.zeroclaw.oauth;

import static java.util.Objects.requireNonNull;

import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import com.nimbusds.oauth2.sdk.auth.ClientAuthenticationMethod;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.ClientSecretPost;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.id.ClientID;
import java.util.List;
import java.util.Optional;

/**
 * The OAuth client zeroclaw is at one authorization server: a configured {@code oauth_client_id} (and secret), or
 * one it registered (RFC 7591). The secret never appears in {@link #toString()}.
 */
public record ClientIdentity(String clientId, Optional<String> secret, String authMethod) {

    public ClientIdentity {
        requireNonNull(clientId, "clientId is null");
        requireNonNull(secret, "secret is null");
        requireNonNull(authMethod, "authMethod is null");
        if (clientId.isBlank()) {
            throw new IllegalArgumentException("client id is blank");
        }
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

    /** The authentication to attach to a token request, or empty for a public client (which sends its id). */
    Optional<ClientAuthentication> authentication() {
        if (secret.isEmpty()) {
            return Optional.empty();
        }
        if (authMethod.equals(ClientAuthenticationMethod.CLIENT_SECRET_POST.getValue())) {
            return Optional.of(new ClientSecretPost(new ClientID(clientId), new Secret(secret.get())));
        }
        return Optional.of(new ClientSecretBasic(new ClientID(clientId), new Secret(secret.get())));
    }

    @Override
    public String toString() {
        return "ClientIdentity[clientId=" + clientId + ", secret=" + (secret.isPresent() ? "(set)" : "(none)")
                + ", authMethod=" + authMethod + "]";
    }
}
