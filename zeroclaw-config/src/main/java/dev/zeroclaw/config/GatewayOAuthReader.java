package dev.zeroclaw.config;

import dev.zeroclaw.api.GatewayOAuth;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads {@code [mcp.gateway]}'s {@code oauth_issuer}, {@code oauth_audience} and {@code oauth_jwks_url}: the gateway
 * as an OAuth resource server. Each problem is an error at its value.
 */
final class GatewayOAuthReader {

    static final String ISSUER = "oauth_issuer";
    static final String AUDIENCE = "oauth_audience";
    static final String JWKS_URL = "oauth_jwks_url";
    static final String SCOPE = "oauth_scope";
    static final List<String> KEYS = List.of(ISSUER, AUDIENCE, JWKS_URL, SCOPE);

    private GatewayOAuthReader() {}

    /** The settings, or empty without {@code oauth_issuer} or when a value is wrong (reported). */
    static Optional<GatewayOAuth> read(TableReader gateway) {
        if (KEYS.stream().noneMatch(gateway::has)) {
            return Optional.empty();
        }
        if (!gateway.has(ISSUER)) {
            String key = KEYS.stream().filter(gateway::has).findFirst().orElseThrow();
            gateway.report(gateway.valuePosition(key), "'" + key + "' needs '" + ISSUER + "': the issuer whose access tokens"
                    + " the gateway accepts");
            return Optional.empty();
        }
        Optional<URI> issuer = url(gateway, ISSUER, true);
        Optional<URI> audience = url(gateway, AUDIENCE, false);
        Optional<URI> jwks = url(gateway, JWKS_URL, true);
        Optional<String> scope = scope(gateway);
        if (issuer.isEmpty() || (gateway.has(AUDIENCE) && audience.isEmpty()) || (gateway.has(JWKS_URL) && jwks.isEmpty())
                || (gateway.has(SCOPE) && scope.isEmpty())) {
            return Optional.empty();
        }
        return Optional.of(new GatewayOAuth(issuer.get(), audience, jwks, scope));
    }

    /** One scope token (RFC 6749 section 3.3: no space, no quote, no backslash). */
    private static Optional<String> scope(TableReader gateway) {
        Optional<String> text = gateway.string(SCOPE);
        if (text.isPresent() && !text.get().matches("[\\x21\\x23-\\x5B\\x5D-\\x7E]+")) {
            gateway.report(gateway.valuePosition(SCOPE), "'" + SCOPE + "' must be one OAuth scope (no spaces or quotes), got '"
                    + text.get() + "'");
            return Optional.empty();
        }
        return text;
    }

    /** An absolute http(s) URL; where keys come from, https unless on a loopback address. */
    private static Optional<URI> url(TableReader gateway, String key, boolean fetched) {
        Optional<String> text = gateway.string(key);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        URI url;
        try {
            url = new URI(text.get());
        } catch (URISyntaxException e) {
            gateway.report(gateway.valuePosition(key), "'" + key + "' is not a URL: " + e.getMessage());
            return Optional.empty();
        }
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("https") || scheme.equals("http")) || url.getHost() == null) {
            gateway.report(gateway.valuePosition(key), "'" + key + "' must be an absolute https URL, got '" + text.get() + "'");
            return Optional.empty();
        }
        if (fetched && scheme.equals("http") && !loopback(url.getHost())) {
            gateway.report(gateway.valuePosition(key), "'" + key + "' must be https (plain http only on a loopback address):"
                    + " the gateway trusts the keys it finds there, got '" + text.get() + "'");
            return Optional.empty();
        }
        return Optional.of(url);
    }

    /** A loopback address written as such; a name is never resolved for this. */
    private static boolean loopback(String host) {
        String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        return bare.equals("::1") || bare.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
    }
}
