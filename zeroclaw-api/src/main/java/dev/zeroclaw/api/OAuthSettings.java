package dev.zeroclaw.api;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * A remote server's OAuth settings ({@code oauth_client_id}, {@code oauth_client_secret}, {@code oauth_grant},
 * {@code oauth_scopes}, {@code oauth_client_metadata_url}, {@code oauth_client_key}, {@code oauth_client_key_id}). None of them is needed for a server that does OAuth with Dynamic Client Registration:
 * {@link #NONE} is what an entry without them gets. The secret and the key are secret values like {@code headers}:
 * never in {@link #toString()}. Tokens are not configuration and never appear here.
 *
 * @param clientId a client registered with the authorization server beforehand; empty to register dynamically
 * @param clientSecret that client's secret (resolved from a reference when the file names one)
 * @param grant how tokens are obtained
 * @param scopes the scopes to ask for when the server's challenge names none; empty for the server's own list
 * @param clientMetadataUrl the https URL of zeroclaw's Client ID Metadata Document, used as the client id by an
 *     authorization server that supports such documents (MCP 2025-11-25), instead of registering; from the entry
 *     or from {@code [mcp]}
 * @param clientKey that client's PEM private key (PKCS#8), for {@code private_key_jwt} authentication (RFC 7523)
 *     instead of a secret (resolved from a reference when the file names one)
 * @param clientKeyId the {@code kid} to name in the client's assertions, when the authorization server wants one
 */
public record OAuthSettings(Optional<String> clientId, Optional<String> clientSecret, OAuthGrant grant, List<String> scopes,
        Optional<String> clientMetadataUrl, Optional<String> clientKey, Optional<String> clientKeyId) {

    public static final OAuthSettings NONE =
            new OAuthSettings(Optional.empty(), Optional.empty(), OAuthGrant.AUTHORIZATION_CODE, List.of());

    public OAuthSettings {
        requireNonNull(clientId, "clientId is null");
        requireNonNull(clientSecret, "clientSecret is null");
        requireNonNull(grant, "grant is null");
        scopes = List.copyOf(scopes);
        requireNonNull(clientMetadataUrl, "clientMetadataUrl is null");
        requireNonNull(clientKey, "clientKey is null");
        requireNonNull(clientKeyId, "clientKeyId is null");
    }

    /** Settings without a client key. */
    public OAuthSettings(Optional<String> clientId, Optional<String> clientSecret, OAuthGrant grant, List<String> scopes,
            Optional<String> clientMetadataUrl) {
        this(clientId, clientSecret, grant, scopes, clientMetadataUrl, Optional.empty(), Optional.empty());
    }

    /** Settings without a Client ID Metadata Document URL. */
    public OAuthSettings(Optional<String> clientId, Optional<String> clientSecret, OAuthGrant grant, List<String> scopes) {
        this(clientId, clientSecret, grant, scopes, Optional.empty());
    }

    /**
     * True when the entry says nothing about the server's OAuth: no client, grant or scopes of its own. A metadata
     * document URL alone (often inherited from {@code [mcp]}) only says who zeroclaw is, not that this server uses
     * OAuth.
     */
    public boolean isNone() {
        return clientId.isEmpty() && clientSecret.isEmpty() && clientKey.isEmpty() && clientKeyId.isEmpty() && grant == OAuthGrant.AUTHORIZATION_CODE && scopes.isEmpty();
    }

    /** The same settings with the secret replaced (by its resolved value). */
    public OAuthSettings withClientSecret(Optional<String> secret) {
        return new OAuthSettings(clientId, secret, grant, scopes, clientMetadataUrl, clientKey, clientKeyId);
    }

    /** The same settings with the client key replaced (by its resolved value). */
    public OAuthSettings withClientKey(Optional<String> key) {
        return new OAuthSettings(clientId, clientSecret, grant, scopes, clientMetadataUrl, key, clientKeyId);
    }

    /** The same settings with another Client ID Metadata Document URL. */
    public OAuthSettings withClientMetadataUrl(Optional<String> url) {
        return new OAuthSettings(clientId, clientSecret, grant, scopes, url, clientKey, clientKeyId);
    }

    @Override
    public String toString() {
        return "OAuthSettings[clientId=" + clientId.orElse("") + ", clientSecret=" + (clientSecret.isPresent() ? "***" : "")
                + (clientKey.isPresent() ? ", clientKey=***" : "") + clientKeyId.map(kid -> ", clientKeyId=" + kid).orElse("")
                + ", grant=" + grant.configValue() + ", scopes=" + scopes
                + clientMetadataUrl.map(url -> ", clientMetadataUrl=" + url).orElse("") + "]";
    }
}
