package dev.zeroclaw.oauth;

import static java.util.Objects.requireNonNull;

import dev.zeroclaw.api.OAuthSettings;

/**
 * What the token store keeps for one server at one authorization server: the client zeroclaw is there (a
 * registered client must be reused for refresh) and the tokens. Neither part prints a secret.
 */
public record StoredAuthorization(String server, ClientIdentity client, TokenSet tokens) {

    public StoredAuthorization {
        requireNonNull(server, "server is null");
        requireNonNull(client, "client is null");
        requireNonNull(tokens, "tokens is null");
    }

    /**
     * This login with the configured {@code oauth_client_key} as its client's key, when the settings name the same
     * client: a key is configuration, never stored with the tokens, and the client needs it to refresh or revoke.
     */
    public StoredAuthorization withConfiguredKey(OAuthSettings settings) {
        if (settings.clientKey().isEmpty() || !settings.clientId().filter(client.clientId()::equals).isPresent()) {
            return this;
        }
        return new StoredAuthorization(server, ClientIdentity.privateKeyJwt(client.clientId(), settings.clientKey().get(),
                settings.clientKeyId()), tokens);
    }
}
