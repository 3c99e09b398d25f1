package dev.zeroclaw.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/** The rule for a remote server's {@code url}: {@code http://} or {@code https://} with a host. */
final class RemoteUrl {

    private RemoteUrl() {}

    static boolean isValid(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return false;
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return false;
        }
        return !host(uri).isEmpty();
    }

    // URI.getHost() is null for host names java.net does not accept (an '_' in a label), which a
    // local network may well use; fall back to the authority without user info and port.
    private static String host(URI uri) {
        if (uri.getHost() != null) {
            return uri.getHost();
        }
        String authority = uri.getRawAuthority();
        if (authority == null) {
            return "";
        }
        String hostAndPort = authority.substring(authority.lastIndexOf('@') + 1);
        int colon = hostAndPort.lastIndexOf(':');
        return colon < 0 ? hostAndPort : hostAndPort.substring(0, colon);
    }
}
