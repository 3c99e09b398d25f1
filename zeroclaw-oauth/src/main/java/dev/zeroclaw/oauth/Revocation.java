package dev.zeroclaw.oauth;

import static java.util.Objects.requireNonNull;

import com.nimbusds.oauth2.sdk.TokenRevocationRequest;
import com.nimbusds.oauth2.sdk.as.AuthorizationServerMetadata;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.token.BearerAccessToken;
import com.nimbusds.oauth2.sdk.token.RefreshToken;
import com.nimbusds.oauth2.sdk.token.Token;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Token revocation (RFC 7009) for {@code zeroclaw auth logout}: the refresh token first (revoking it ends the
 * grant at most servers, access tokens included), then the access token, at the issuer's
 * {@code revocation_endpoint}, with the client the tokens were issued to.
 */
public final class Revocation {

    private Revocation() {
    }

    /**
     * Revokes what {@code stored} holds.
     *
     * @return what was revoked ("refresh token", "access token"), or empty when the server offers no revocation
     * @throws OAuthException when the server cannot be reached or refuses; the message names the endpoint, never a token
     */
    public static Optional<List<String>> revoke(StoredAuthorization stored) throws OAuthException {
        requireNonNull(stored, "stored is null");
        URI issuer = stored.tokens().issuer();
        AuthorizationServerMetadata metadata = Discovery.authorizationServer(Endpoints.requireSecure(issuer, "authorization server"));
        URI endpoint = metadata.getRevocationEndpointURI();
        if (endpoint == null) {
            return Optional.empty();
        }
        Endpoints.requireSecure(endpoint, "revocation endpoint");
        List<String> revoked = new ArrayList<>();
        if (stored.tokens().refreshToken().isPresent()) {
            send(endpoint, issuer, metadata, stored.client(), new RefreshToken(stored.tokens().refreshToken().get()));
            revoked.add("refresh token");
        }
        send(endpoint, issuer, metadata, stored.client(), new BearerAccessToken(stored.tokens().accessToken()));
        revoked.add("access token");
        return Optional.of(List.copyOf(revoked));
    }

    private static void send(URI endpoint, URI issuer, AuthorizationServerMetadata metadata, ClientIdentity client, Token token)
            throws OAuthException {
        TokenRevocationRequest request = client.authentication(issuer, metadata)
                .map(auth -> new TokenRevocationRequest(endpoint, auth, token))
                .orElseGet(() -> new TokenRevocationRequest(endpoint, new ClientID(client.clientId()), token));
        HTTPResponse response = Endpoints.send(request.toHTTPRequest(), "revocation endpoint");
        // RFC 7009 section 2.2: 200 whether or not the token was valid; anything else is a refusal.
        if (response.getStatusCode() != 200) {
            throw new OAuthException("revocation endpoint " + endpoint + " answered HTTP " + response.getStatusCode());
        }
    }
}
