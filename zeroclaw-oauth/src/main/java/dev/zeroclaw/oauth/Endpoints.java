package dev.zeroclaw.oauth;

import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Locale;

/** The HTTP rules every authorization endpoint follows: HTTPS except on loopback, bounded waits, no redirects. */
final class Endpoints {

    static final Duration TIMEOUT = Duration.ofSeconds(30);

    private Endpoints() {
    }

    /**
     * OAuth 2.1 section 1.5 and the MCP spec: authorization endpoints are HTTPS. Plain HTTP is accepted only on a
     * loopback address, where nothing crosses a network (local servers and the tests' fixture).
     */
    static URI requireSecure(URI url, String what) throws OAuthException {
        if (url == null) {
            throw new OAuthException(what + " is missing");
        }
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (scheme.equals("https") || (scheme.equals("http") && isLoopback(url.getHost()))) {
            return url;
        }
        throw new OAuthException(what + " " + url + " is not HTTPS (plain HTTP is allowed on loopback only)");
    }

    static HTTPResponse send(HTTPRequest request, String what) throws OAuthException {
        request.setConnectTimeout((int) TIMEOUT.toMillis());
        request.setReadTimeout((int) TIMEOUT.toMillis());
        request.setFollowRedirects(false);
        try {
            return request.send();
        } catch (IOException e) {
            throw new OAuthException(what + " at " + request.getURI() + " is not reachable: " + e.getMessage(), null, e);
        }
    }

    static HTTPResponse get(URI url, String what) throws OAuthException {
        HTTPRequest request = new HTTPRequest(HTTPRequest.Method.GET, url);
        request.setAccept("application/json");
        request.setHeader("MCP-Protocol-Version", "2025-11-25");
        return send(request, what);
    }

    private static boolean isLoopback(String host) {
        if (host == null) {
            return false;
        }
        if (host.equalsIgnoreCase("localhost")) {
            return true;
        }
        try {
            String literal = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
            // A literal address only: a name is never resolved here, so DNS cannot make a host "loopback".
            if (!Character.isDigit(literal.charAt(0)) && !literal.contains(":")) {
                return false;
            }
            return InetAddress.getByName(literal).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
