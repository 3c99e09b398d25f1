package dev.zeroclaw.api;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * A remote server's OAuth settings ({@code oauth_client_id}, {@code oauth_client_secret}, {@code oauth_grant},
 * {@code oauth_scopes}). None of them is needed for a server that does OAuth with Dynamic Client Registration:
 * {@link #NONE} is what an entry without them gets. The secret is a secret value like {@code headers}: never in
 * {@link #toString()}. Tokens are not configuration and never appear here.
 *
 * @param clientId a client registered with the authorization server beforehand; empty to register dynamically
 * @param clientSecret that client's secret (resolved from a reference when the file names one)
 * @param grant how tokens are obtained
 * @param scopes the scopes to ask for when the server's challenge names none; empty for the server's own list
 */
public record OAuthSettings(Optional<String> clientId, Optional<String> clientSecret, OAuthGrant grant, List<String> scopes) {

    public static final OAuthSettings NONE =
            new OAuthSettings(Optional.empty(), Optional.empty(), OAuthGrant.AUTHORIZATION_CODE, List.of());

    public OAuthSettings {
        requireNonNull(clientId, "clientId is null");
        requireNonNull(clientSecret, "clientSecret is null");
        requireNonNull(grant, "grant is null");
        scopes = List.copyOf(scopes);
    }

    public boolean isNone() {
        return equals(NONE);
    }

    /** The same settings with the secret replaced (by its resolved value). */
    public OAuthSettings withClientSecret(Optional<String> secret) {
        return new OAuthSettings(clientId, secret, grant, scopes);
    }

    @Override
    public String toString() {
        return "OAuthSettings[clientId=" + clientId.orElse("") + ", clientSecret=" + (clientSecret.isPresent() ? "***" : "")
                + ", grant=" + grant.configValue() + ", scopes=" + scopes + "]";
    }
}
