package dev.zeroclaw.api;

import java.util.Locale;
import java.util.Optional;

/** {@code mcp.gateway.auth}: whether gateway requests must carry a bearer token. */
public enum GatewayAuth {

    /**
     * The default: every request carries a bearer token, the one {@code auth_token_env} names or,
     * without it, one the daemon generates at start into its runtime directory.
     */
    TOKEN,
    /** No token: every local user may call every server. Only for those who chose it. */
    NONE;

    /** As written in the file: {@code token} or {@code none}. */
    public String configValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The value {@code text} names, if any. */
    public static Optional<GatewayAuth> fromConfigValue(String text) {
        for (GatewayAuth auth : values()) {
            if (auth.configValue().equals(text)) {
                return Optional.of(auth);
            }
        }
        return Optional.empty();
    }
}
