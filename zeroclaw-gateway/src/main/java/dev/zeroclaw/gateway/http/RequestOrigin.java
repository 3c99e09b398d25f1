package dev.zeroclaw.gateway.http;

import java.net.URI;
import java.util.Locale;

/**
 * The DNS-rebinding rule: a web page on another site may resolve its own name to 127.0.0.1 and
 * then drive a local gateway from the browser. Such requests carry that site's name in
 * {@code Host} (and {@code Origin}). A gateway on a loopback address therefore answers only
 * requests whose {@code Host} is a loopback name, and, when an {@code Origin} is present, whose
 * origin is one too. A gateway on another address requires a bearer token, which a foreign page
 * cannot know, so only the {@code Origin} must match the {@code Host} there.
 */
final class RequestOrigin {

    private RequestOrigin() {}

    /**
     * @param loopback whether the gateway listens on a loopback address
     * @param host the request's {@code Host} header, or null
     * @param origin the request's {@code Origin} header, or null
     * @return null when the request may proceed, else the reason it is refused
     */
    static String refusal(boolean loopback, String host, String origin) {
        String hostName = host == null ? null : hostName(host);
        if (loopback && (hostName == null || !isLoopbackName(hostName))) {
            return "the gateway listens on a loopback address and answers only requests addressed to localhost,"
                    + " 127.0.0.1 or [::1] (Host header)";
        }
        if (origin == null) {
            return null;
        }
        String originHost = originHost(origin);
        boolean allowed = originHost != null
                && (isLoopbackName(originHost) || (hostName != null && originHost.equals(hostName)));
        return allowed ? null : "cross-origin requests to the gateway are refused (Origin header)";
    }

    /** The name in a {@code Host} header: {@code [::1]:8765} gives {@code [::1]}, {@code Localhost:80} gives {@code localhost}. */
    static String hostName(String host) {
        String value = host.strip().toLowerCase(Locale.ROOT);
        if (value.startsWith("[")) {
            int end = value.indexOf(']');
            return end < 0 ? value : value.substring(0, end + 1);
        }
        int colon = value.indexOf(':');
        return colon < 0 ? value : value.substring(0, colon);
    }

    private static String originHost(String origin) {
        if (origin.equals("null")) {
            return null;
        }
        try {
            String host = URI.create(origin.strip()).getHost();
            return host == null ? null : host.toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static boolean isLoopbackName(String name) {
        return name.equals("localhost") || name.equals("127.0.0.1") || name.equals("[::1]") || name.equals("::1");
    }
}
