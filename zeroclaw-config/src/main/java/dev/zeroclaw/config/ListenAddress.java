package dev.zeroclaw.config;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rule for {@code mcp.gateway.listen}: {@code host:port} with a port from 1 to 65535, an IPv6
 * host in brackets ({@code [::1]:8765}).
 */
final class ListenAddress {

    private static final Pattern BRACKETED_IPV6 = Pattern.compile("\\[([0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*(%[\\w.-]+)?)]:(\\d{1,5})");
    private static final Pattern HOST_AND_PORT = Pattern.compile("([A-Za-z0-9._-]+):(\\d{1,5})");

    private ListenAddress() {}

    static boolean isValid(String listen) {
        Matcher ipv6 = BRACKETED_IPV6.matcher(listen);
        if (ipv6.matches()) {
            return isPort(ipv6.group(3));
        }
        Matcher host = HOST_AND_PORT.matcher(listen);
        return host.matches() && isPort(host.group(2));
    }

    private static boolean isPort(String digits) {
        int port = Integer.parseInt(digits);
        return port >= 1 && port <= 65535;
    }
}
