package dev.zeroclaw.oauth;

import static java.util.Objects.requireNonNull;

import java.net.URI;

/**
 * An authorization the user has been sent to approve: the URL to open, and what the callback is checked against
 * (the state) and redeemed with (the PKCE verifier). Neither secret part is in {@link #toString()}.
 */
public record PendingAuthorization(URI authorizationUrl, URI redirectUri, String state, String codeVerifier,
        AuthorizationTarget target, ClientIdentity client) {

    public PendingAuthorization {
        requireNonNull(authorizationUrl, "authorizationUrl is null");
        requireNonNull(redirectUri, "redirectUri is null");
        requireNonNull(state, "state is null");
        requireNonNull(codeVerifier, "codeVerifier is null");
        requireNonNull(target, "target is null");
        requireNonNull(client, "client is null");
    }

    @Override
    public String toString() {
        return "PendingAuthorization[issuer=" + target.issuer() + ", redirectUri=" + redirectUri + ", client=" + client + "]";
    }
}
