package dev.zeroclaw.gateway.http;

import java.util.Optional;
import java.util.Set;

/**
 * Checks an OAuth access token for the gateway ({@code [mcp.gateway] oauth_issuer}): the daemon gives it the
 * issuer's JWT check, so this module needs no OAuth library.
 */
@FunctionalInterface
public interface AccessTokenCheck {

    /**
     * The scopes of {@code token} when it is a valid access token for {@code audience}; empty when it is not (for
     * whatever reason: the check logs it, never the token).
     */
    Optional<Set<String>> scopes(String token, String audience);
}
