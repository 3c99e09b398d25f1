package dev.zeroclaw.oauth;

import static java.util.Objects.requireNonNull;

import dev.zeroclaw.api.transport.AuthorizationRequiredException;
import dev.zeroclaw.api.transport.RequestAuthorization;
import java.io.IOException;
import java.util.Optional;

/**
 * A server's {@link ServerAuthorization} as the transport API's {@link RequestAuthorization}. A server without
 * {@code oauth_*} keys and without stored tokens is not known to use OAuth: it gets no header, and a 401 without
 * a Bearer challenge is left to the transport (whose message points at the configured headers). Once it answers
 * with a Bearer challenge, or has tokens (after {@code zeroclaw auth login}), it is handled like a configured one.
 */
public final class OAuthRequestAuthorization implements RequestAuthorization {

    private final ServerAuthorization authorization;
    private final boolean configured;
    // The last "a person must log in" message, cleared by a success. Written by the transport's threads.
    private volatile String personNeeded;

    /** @param configured true when the server entry has {@code oauth_*} keys */
    public OAuthRequestAuthorization(ServerAuthorization authorization, boolean configured) {
        this.authorization = requireNonNull(authorization, "authorization is null");
        this.configured = configured;
    }

    @Override
    public Optional<String> header() throws IOException {
        try {
            Optional<String> header = Optional.of("Bearer " + authorization.accessToken());
            personNeeded = null;
            return header;
        } catch (OAuthException e) {
            if (!configured && e.errorCode().filter(OAuthException.LOGIN_REQUIRED::equals).isPresent()) {
                return Optional.empty(); // no tokens: send the request as configured; a 401 tells more
            }
            throw translated(e);
        }
    }

    @Override
    public boolean renewAfterUnauthorized(Optional<String> wwwAuthenticate) throws IOException {
        if (!configured && wwwAuthenticate.flatMap(BearerChallenge::parse).isEmpty()) {
            return false; // not an OAuth challenge: a static credential is wrong, nothing to renew
        }
        try {
            authorization.afterUnauthorized(wwwAuthenticate);
            personNeeded = null;
            return true;
        } catch (OAuthException e) {
            throw translated(e);
        }
    }

    @Override
    public Optional<String> personNeeded() {
        return Optional.ofNullable(personNeeded);
    }

    private IOException translated(OAuthException e) {
        if (e.needsNewLogin()) {
            personNeeded = e.getMessage();
            return new AuthorizationRequiredException(e.getMessage());
        }
        return new IOException(e.getMessage(), e);
    }

    @Override
    public String toString() {
        return "OAuthRequestAuthorization[" + (configured ? "configured" : "on challenge") + "]";
    }
}
