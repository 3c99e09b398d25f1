package dev.zeroclaw.oauth;

import static java.util.Objects.requireNonNull;

import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.AuthorizationGrant;
import com.nimbusds.oauth2.sdk.AuthorizationRequest;
import com.nimbusds.oauth2.sdk.AuthorizationResponse;
import com.nimbusds.oauth2.sdk.ClientCredentialsGrant;
import com.nimbusds.oauth2.sdk.ErrorObject;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.RefreshTokenGrant;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import com.nimbusds.oauth2.sdk.device.DeviceCode;
import com.nimbusds.oauth2.sdk.device.DeviceCodeGrant;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.oauth2.sdk.token.AccessToken;
import com.nimbusds.oauth2.sdk.token.RefreshToken;
import com.nimbusds.oauth2.sdk.token.Tokens;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The grants zeroclaw uses against one authorization server: the authorization code with PKCE S256 (start and
 * redeem), refresh (keeping the old refresh token when the server does not rotate it), and
 * {@code client_credentials}. Every request names the resource (RFC 8707).
 */
public final class TokenEndpoint {

    private final Clock clock;

    public TokenEndpoint(Clock clock) {
        this.clock = requireNonNull(clock, "clock is null");
    }

    /**
     * The URL to send the user to. The MCP spec requires PKCE S256: an authorization server whose metadata does
     * not list it is refused, rather than sending a code that could be intercepted unprotected.
     */
    public PendingAuthorization start(AuthorizationTarget target, ClientIdentity client, URI redirectUri) throws OAuthException {
        List<CodeChallengeMethod> methods = target.metadata().getCodeChallengeMethods();
        if (methods == null || !methods.contains(CodeChallengeMethod.S256)) {
            throw new OAuthException("authorization server " + target.issuer() + " does not advertise PKCE S256"
                    + " (code_challenge_methods_supported), which MCP requires");
        }
        URI endpoint = Endpoints.requireSecure(target.metadata().getAuthorizationEndpointURI(), "authorization endpoint");
        CodeVerifier verifier = new CodeVerifier();
        State state = new State();
        AuthorizationRequest.Builder request = new AuthorizationRequest.Builder(new ResponseType(ResponseType.Value.CODE),
                new ClientID(client.clientId()))
                .endpointURI(endpoint)
                .redirectionURI(redirectUri)
                .state(state)
                .codeChallenge(verifier, CodeChallengeMethod.S256)
                .resource(target.resource());
        target.scope().ifPresent(scope -> request.scope(Scope.parse(scope)));
        return new PendingAuthorization(request.build().toURI(), redirectUri, state.getValue(), verifier.getValue(), target, client);
    }

    /** Redeems the callback the browser was redirected to (its query holds the code and the state). */
    public TokenSet redeem(PendingAuthorization pending, URI callback) throws OAuthException {
        AuthorizationResponse response;
        try {
            response = AuthorizationResponse.parse(callback);
        } catch (ParseException e) {
            throw new OAuthException("the authorization callback is not readable: " + e.getMessage());
        }
        if (response.getState() == null || !response.getState().getValue().equals(pending.state())) {
            throw new OAuthException("the authorization callback's state does not match this login; start the login again");
        }
        if (!response.indicatesSuccess()) {
            ErrorObject error = response.toErrorResponse().getErrorObject();
            throw new OAuthException("authorization was refused: " + ClientRegistration.describe(error.getCode(),
                    error.getDescription(), error.getHTTPStatusCode()), error.getCode(), null);
        }
        AuthorizationCode code = response.toSuccessResponse().getAuthorizationCode();
        if (code == null) {
            throw new OAuthException("the authorization callback has no code");
        }
        AuthorizationGrant grant = new AuthorizationCodeGrant(code, pending.redirectUri(), new CodeVerifier(pending.codeVerifier()));
        return request(pending.target(), pending.client(), grant, Optional.empty(), Optional.empty());
    }

    /**
     * A new access token from the refresh token. A server that rotates sends a new refresh token (the old one is
     * then dead); one that does not sends none, and the old one stays.
     */
    public TokenSet refresh(AuthorizationTarget target, ClientIdentity client, TokenSet current) throws OAuthException {
        String refreshToken = current.refreshToken()
                .orElseThrow(() -> new OAuthException("no refresh token for " + target.issuer() + "; log in again", "invalid_grant", null));
        return request(target, client, new RefreshTokenGrant(new RefreshToken(refreshToken)), current.refreshToken(), current.scope());
    }

    /** Machine to machine ({@code oauth_grant = "client_credentials"}): needs a configured client with a secret or key. */
    public TokenSet clientCredentials(AuthorizationTarget target, ClientIdentity client) throws OAuthException {
        if (client.authentication(target).isEmpty()) {
            throw new OAuthException("oauth_grant = \"client_credentials\" needs oauth_client_id and oauth_client_secret"
                    + " (or oauth_client_key)");
        }
        return request(target, client, new ClientCredentialsGrant(), Optional.empty(), Optional.empty());
    }

    /**
     * One poll of the device authorization grant (RFC 8628 section 3.4); {@code authorization_pending},
     * {@code slow_down} and the others come back as an {@link OAuthException} with that {@link OAuthException#errorCode()}.
     */
    public TokenSet device(AuthorizationTarget target, ClientIdentity client, String deviceCode) throws OAuthException {
        return request(target, client, new DeviceCodeGrant(new DeviceCode(deviceCode)), Optional.empty(), Optional.empty());
    }

    private TokenSet request(AuthorizationTarget target, ClientIdentity client, AuthorizationGrant grant,
            Optional<String> previousRefreshToken, Optional<String> previousScope) throws OAuthException {
        URI endpoint = Endpoints.requireSecure(target.metadata().getTokenEndpointURI(), "token endpoint");
        Optional<ClientAuthentication> authentication = client.authentication(target);
        TokenRequest.Builder builder = authentication
                .map(auth -> new TokenRequest.Builder(endpoint, auth, grant))
                .orElseGet(() -> new TokenRequest.Builder(endpoint, new ClientID(client.clientId()), grant))
                .resource(target.resource());
        if (!(grant instanceof AuthorizationCodeGrant)) {
            target.scope().ifPresent(scope -> builder.scope(Scope.parse(scope)));
        }
        Instant sent = clock.instant();
        TokenResponse response;
        try {
            response = TokenResponse.parse(Endpoints.send(builder.build().toHTTPRequest(), "token endpoint"));
        } catch (ParseException e) {
            throw new OAuthException("token endpoint " + endpoint + " answered something unreadable: " + e.getMessage());
        }
        if (!response.indicatesSuccess()) {
            ErrorObject error = response.toErrorResponse().getErrorObject();
            throw new OAuthException("token endpoint " + endpoint + " refused the " + grant.getType() + " grant: "
                    + ClientRegistration.describe(error.getCode(), error.getDescription(), error.getHTTPStatusCode()),
                    error.getCode(), null);
        }
        Tokens tokens = response.toSuccessResponse().getTokens();
        AccessToken access = tokens.getAccessToken();
        Optional<String> refresh = Optional.ofNullable(tokens.getRefreshToken()).map(RefreshToken::getValue).or(() -> previousRefreshToken);
        Optional<Instant> expiresAt = access.getLifetime() > 0 ? Optional.of(sent.plusSeconds(access.getLifetime())) : Optional.empty();
        Optional<String> scope = Optional.ofNullable(access.getScope()).map(Scope::toString)
                .or(() -> previousScope).or(target::scope);
        return new TokenSet(target.issuer(), target.resource(), access.getValue(), refresh, expiresAt, scope);
    }
}
