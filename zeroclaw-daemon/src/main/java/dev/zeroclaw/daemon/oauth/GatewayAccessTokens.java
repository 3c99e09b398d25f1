package dev.zeroclaw.daemon.oauth;

import static java.util.Objects.requireNonNull;

import dev.zeroclaw.api.GatewayOAuth;
import dev.zeroclaw.gateway.http.AccessTokenCheck;
import dev.zeroclaw.oauth.AccessTokenVerifier;
import dev.zeroclaw.oauth.OAuthException;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code [mcp.gateway] oauth_issuer}'s JWT check ({@code zeroclaw-oauth}) as the gateway asks for it. A refused
 * token is logged at debug with the reason (never the token); keys that cannot be fetched are a warning, since
 * every OAuth client is refused until they can.
 */
public final class GatewayAccessTokens implements AccessTokenCheck {

    private static final Logger log = LoggerFactory.getLogger(GatewayAccessTokens.class);

    private final AccessTokenVerifier verifier;

    public GatewayAccessTokens(GatewayOAuth settings) {
        requireNonNull(settings, "settings is null");
        this.verifier = new AccessTokenVerifier(settings.issuer(), settings.jwksUrl());
    }

    @Override
    public Optional<Set<String>> scopes(String token, String audience) {
        try {
            return Optional.of(verifier.verify(token, audience));
        } catch (OAuthException e) {
            if (e.errorCode().isPresent()) {
                log.debug("gateway access token refused: {}", e.getMessage());
            } else {
                log.warn("gateway {}", e.getMessage());
            }
            return Optional.empty();
        }
    }
}
