package dev.zeroclaw.api;

import java.util.Locale;
import java.util.Optional;

/** How zeroclaw gets a remote server's OAuth tokens. Config key {@code oauth_grant}. */
public enum OAuthGrant {
    /** A person logs in once ({@code zeroclaw auth login}); refresh tokens keep it going. The default. */
    AUTHORIZATION_CODE("authorization_code"),
    /** Machine to machine: the configured client id and secret get the token, no person involved. */
    CLIENT_CREDENTIALS("client_credentials");

    private final String configValue;

    OAuthGrant(String configValue) {
        this.configValue = configValue;
    }

    /** The spelling used in {@code config.toml} (the OAuth grant type's own name). */
    public String configValue() {
        return configValue;
    }

    public static Optional<OAuthGrant> fromConfigValue(String value) {
        String wanted = value.toLowerCase(Locale.ROOT);
        for (OAuthGrant grant : values()) {
            if (grant.configValue.equals(wanted)) {
                return Optional.of(grant);
            }
        }
        return Optional.empty();
    }
}
