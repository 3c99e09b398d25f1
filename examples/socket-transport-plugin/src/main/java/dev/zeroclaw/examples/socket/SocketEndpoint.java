package dev.zeroclaw.examples.socket;

import static java.util.Objects.requireNonNull;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnixDomainSocketAddress;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Where a socket server listens, from a server entry's {@code url}: {@code tcp://host:port} or
 * {@code unix:///absolute/path.sock}.
 *
 * @param address the address to connect to
 * @param url the url as configured, for messages
 */
record SocketEndpoint(SocketAddress address, String url) {

    SocketEndpoint {
        requireNonNull(address, "address is null");
        requireNonNull(url, "url is null");
    }

    boolean isUnix() {
        return address instanceof UnixDomainSocketAddress;
    }

    /**
     * @throws IllegalArgumentException with a sentence saying what a url must look like
     */
    static SocketEndpoint parse(String url) {
        requireNonNull(url, "url is null");
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(expected(url));
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (scheme.equals("tcp") && uri.getHost() != null && uri.getPort() > 0 && isEmpty(uri.getRawPath())) {
            // Unresolved: the name is looked up at each connection, so a server that moved is found.
            return new SocketEndpoint(InetSocketAddress.createUnresolved(uri.getHost(), uri.getPort()), url);
        }
        if (scheme.equals("unix") && uri.getRawAuthority() == null && uri.getPath() != null
                && Path.of(uri.getPath()).isAbsolute()) {
            return new SocketEndpoint(UnixDomainSocketAddress.of(uri.getPath()), url);
        }
        throw new IllegalArgumentException(expected(url));
    }

    private static boolean isEmpty(String path) {
        return path == null || path.isEmpty() || path.equals("/");
    }

    private static String expected(String url) {
        return "the socket transport needs url = \"tcp://host:port\" or url = \"unix:///path/to/server.sock\", got '"
                + url + "'";
    }
}
