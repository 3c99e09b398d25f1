package dev.zeroclaw.oauth;

import static java.util.Objects.requireNonNull;

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
}
