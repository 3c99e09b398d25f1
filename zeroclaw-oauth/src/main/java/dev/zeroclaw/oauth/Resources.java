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
        int port = url.getPort();
        if ((scheme.equals("https") && port == 443) || (scheme.equals("http") && port == 80)) {
            port = -1;
        }
        String path = url.getRawPath() == null ? "" : url.getRawPath();
        String host = url.getHost().toLowerCase(Locale.ROOT);
        return URI.create(scheme + "://" + host
                + (port == -1 ? "" : ":" + port) + path);
    }

    /** True when {@code resource} is the server's URL or a path prefix of it, on the same origin. */
    static boolean covers(URI resource, URI serverUrl) {
        URI r = canonical(resource);
        URI s = canonical(serverUrl);
        if (!r.getScheme().equals(s.getScheme()) || !r.getHost().equals(s.getHost()) || r.getPort() != s.getPort()) {
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
