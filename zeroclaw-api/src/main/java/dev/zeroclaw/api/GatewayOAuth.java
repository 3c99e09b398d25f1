package dev.zeroclaw.api;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.util.Optional;

/**
 * {@code [mcp.gateway] oauth_issuer}: the gateway as an OAuth resource server. Besides its bearer tokens it accepts
 * JWT access tokens from this issuer, checked against the issuer's published keys; MCP clients find the issuer in
 * the gateway's Protected Resource Metadata (RFC 9728). Nothing here is a secret.
 *
 * @param issuer the authorization server ({@code iss} of the tokens), an https URL (http on a loopback address)
 * @param audience {@code oauth_audience}: the {@code aud} the tokens must name, and the resource the gateway
 *     declares; empty for the gateway's own URL ({@code http://<listen>/mcp})
 * @param jwksUrl {@code oauth_jwks_url}: where the keys are; empty to read {@code jwks_uri} from the issuer's
 *     metadata (RFC 8414, else OpenID Connect discovery)
 * @param scope {@code oauth_scope}: the scope a token must carry to open the whole gateway (a bundle's
 *     {@code oauth_scope} still opens that bundle); empty when any valid token of the issuer does
 */
public record GatewayOAuth(URI issuer, Optional<URI> audience, Optional<URI> jwksUrl, Optional<String> scope) {

    public GatewayOAuth {
        requireNonNull(issuer, "issuer is null");
        requireNonNull(audience, "audience is null");
        requireNonNull(jwksUrl, "jwksUrl is null");
        requireNonNull(scope, "scope is null");
    }

    /** Settings without a gateway-wide scope. */
    public GatewayOAuth(URI issuer, Optional<URI> audience, Optional<URI> jwksUrl) {
        this(issuer, audience, jwksUrl, Optional.empty());
    }
}
