package dev.zeroclaw.oauth;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/** Where the metadata documents are, in the order the MCP spec tells a client to try them. */
final class WellKnown {

    private WellKnown() {
    }

    /** RFC 9728 section 3.1: path-aware first ({@code /.well-known/oauth-protected-resource/mcp}), then the root. */
    static List<URI> protectedResource(URI serverUrl) {
        return pathAwareThenRoot(serverUrl, "oauth-protected-resource");
    }

    /**
     * RFC 8414 section 3.1, then OpenID Connect Discovery in both forms (inserted before the path and appended
     * after it); an issuer without a path has two locations.
     */
    static List<URI> authorizationServer(URI issuer) {
        String path = trimSlash(issuer.getRawPath());
        String origin = origin(issuer);
        if (path.isEmpty()) {
            return List.of(URI.create(origin + "/.well-known/oauth-authorization-server"),
                    URI.create(origin + "/.well-known/openid-configuration"));
        }
        return List.of(URI.create(origin + "/.well-known/oauth-authorization-server" + path),
                URI.create(origin + "/.well-known/openid-configuration" + path),
                URI.create(origin + path + "/.well-known/openid-configuration"));
    }

    private static List<URI> pathAwareThenRoot(URI url, String name) {
        String path = trimSlash(url.getRawPath());
        String origin = origin(url);
        List<URI> urls = new ArrayList<>();
        if (!path.isEmpty()) {
            urls.add(URI.create(origin + "/.well-known/" + name + path));
        }
        urls.add(URI.create(origin + "/.well-known/" + name));
        return List.copyOf(urls);
    }

    private static String origin(URI url) {
        return url.getScheme() + "://" + url.getRawAuthority();
    }

    private static String trimSlash(String path) {
        if (path == null) {
            return "";
        }
        return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }
}
