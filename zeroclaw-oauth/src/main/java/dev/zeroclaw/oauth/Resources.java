package dev.zeroclaw.oauth;

import java.net.URI;
import java.util.Locale;

/** Resource identifiers (RFC 8707): the canonical form of an MCP server's URL, and which resource covers which URL. */
final class Resources {

    private Resources() {
    }

    /** Lower-case scheme and host, no fragment, no query, no default port: the form the MCP spec asks clients to send. */
    static URI canonical(URI url) {
        String scheme = url.getScheme().toLowerCase(Locale.ROOT);
        int port = port(url);
        if ((scheme.equals("https") && port == 443) || (scheme.equals("http") && port == 80)) {
            port = -1;
        }
        String path = url.getRawPath() == null ? "" : url.getRawPath();
        String host = host(url).toLowerCase(Locale.ROOT);
        return URI.create(scheme + "://" + host
                + (port == -1 ? "" : ":" + port) + path);
    }

    /**
     * The host, also of a URL that {@link URI} reads as registry-based (a name with an underscore, such as
     * {@code mcp_server.local}, which the remote transports accept): then {@link URI#getHost()} is null.
     */
    private static String host(URI url) {
        if (url.getHost() != null) {
            return url.getHost();
        }
        String authority = hostAndPort(url);
        int colon = authority.lastIndexOf(':');
        return colon > authority.lastIndexOf(']') ? authority.substring(0, colon) : authority;
    }

    private static int port(URI url) {
        if (url.getHost() != null) {
            return url.getPort();
        }
        String authority = hostAndPort(url);
        int colon = authority.lastIndexOf(':');
        if (colon <= authority.lastIndexOf(']')) {
            return -1;
        }
        try {
            return Integer.parseInt(authority.substring(colon + 1));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static String hostAndPort(URI url) {
        String authority = url.getRawAuthority() == null ? "" : url.getRawAuthority();
        return authority.substring(authority.lastIndexOf('@') + 1);
    }

    /** True when {@code resource} is the server's URL or a path prefix of it, on the same origin. */
    static boolean covers(URI resource, URI serverUrl) {
        URI r = canonical(resource);
        URI s = canonical(serverUrl);
        if (!r.getScheme().equals(s.getScheme()) || !host(r).equals(host(s)) || port(r) != port(s)) {
            return false;
        }
        String rp = r.getRawPath() == null ? "" : r.getRawPath();
        String sp = s.getRawPath() == null ? "" : s.getRawPath();
        if (rp.isEmpty() || rp.equals("/") || rp.equals(sp)) {
            return true;
        }
        String prefix = rp.endsWith("/") ? rp : rp + "/";
        return sp.startsWith(prefix);
    }
}
