package dev.zeroclaw.transport.http;

import static java.util.Objects.requireNonNull;

import dev.zeroclaw.api.ConfigError;
import dev.zeroclaw.api.ServerSpec;
import dev.zeroclaw.api.transport.ServerEntry;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Where a remote server is and how to reach it: its URL, the configured {@code headers} (secret:
 * sent with every request, never printed), and an HTTP client that trusts {@code tls_ca_cert_path}
 * besides the JVM's CAs. One per transport instance, made when it starts: the CA file is read then,
 * so a file that is missing or wrong fails that server, not the configuration.
 *
 * <p>A host {@link URI} cannot hold ({@code mcp_server.local}: an underscore) is reached at the
 * address it resolves to, with the {@code Host} header naming it, as any other client sends it.
 * The JDK's client lets a caller set {@code Host} only when the JVM started with
 * {@code jdk.httpclient.allowRestrictedHeaders=host} (the zeroclaw daemon sets it); without it such
 * a server fails to start, saying so. Over {@code https} such a host fails too: the JDK can neither
 * send it as the TLS server name nor check a certificate against it.
 *
 * <p>The client follows no redirect: a redirect would carry the secret headers to wherever the
 * server points. Plain {@code http://} speaks HTTP/1.1 (no {@code h2c} upgrade, which some servers
 * mishandle); {@code https://} lets TLS negotiate HTTP/2.
 */
final class RemoteEndpoint {

    /** The JVM option that lets a caller of the JDK's HTTP client set the {@code Host} header. */
    static final String ALLOW_HOST_OPTION = "-Djdk.httpclient.allowRestrictedHeaders=host";

    /** Headers the JDK's client sets itself and refuses from its callers. */
    private static final Set<String> RESTRICTED = Set.of("connection", "content-length", "expect", "host", "upgrade");
    /** Headers the transports set themselves; a configured value would break the protocol. */
    private static final Set<String> PROTOCOL =
            Set.of("accept", "content-type", "mcp-session-id", "mcp-protocol-version", "last-event-id");
    private static final String TOKEN_SYMBOLS = "!#$%&'*+-.^_`|~";
    private static final Duration MAX_CONNECT_TIMEOUT = Duration.ofSeconds(30);

    private final RemoteUrl url;
    // The host put in each request's URI: the URL's own, or the address it resolved to at start.
    private final String wireHost;
    // Sent as Host when wireHost is an address, so the server sees the name the URL holds.
    private final Optional<String> hostHeader;
    private final Map<String, String> headers;
    private final HttpClient client;

    private RemoteEndpoint(RemoteUrl url, String wireHost, Optional<String> hostHeader, Map<String, String> headers,
            HttpClient client) {
        this.url = url;
        this.wireHost = wireHost;
        this.hostHeader = hostHeader;
        this.headers = headers;
        this.client = client;
    }

    /**
     * Every problem with a server's {@code url} and {@code headers}, and {@code options} (the remote
     * transports have none). Reads no file: {@code tls_ca_cert_path} is read when the server starts.
     */
    static List<SettingProblem> check(ServerSpec spec) {
        requireNonNull(spec, "spec is null");
        List<SettingProblem> problems = new ArrayList<>();
        if (spec.url().isEmpty()) {
            problems.add(new SettingProblem("url", "a remote server needs a url, e.g. url = \"https://mcp.example.com/mcp\""));
        } else {
            urlProblem(spec.url().get()).ifPresent(message -> problems.add(new SettingProblem("url", message)));
        }
        spec.headers().forEach((name, value) -> headerProblem(name, value)
                .ifPresent(message -> problems.add(new SettingProblem("headers." + name, message))));
        spec.options().keys().forEach(key -> problems.add(new SettingProblem("options." + key,
                "the http and sse transports have no options; their settings are url, headers and tls_ca_cert_path")));
        return List.copyOf(problems);
    }

    /** {@link #check} as a provider's {@code validate} reports it. */
    static List<ConfigError> validate(ServerEntry entry) {
        requireNonNull(entry, "entry is null");
        return check(entry.spec()).stream().map(problem -> entry.errorAt(problem.key(), problem.message())).toList();
    }

    /**
     * What fails this server when it starts though the configuration is valid: a CA file that is
     * missing or wrong, an https URL whose host the JDK cannot verify a certificate for. Upstream
     * ZeroClaw accepts the file too, so these are warnings, each at its key.
     */
    static List<ConfigError> warnings(ServerEntry entry) {
        requireNonNull(entry, "entry is null");
        ServerSpec spec = entry.spec();
        List<ConfigError> warnings = new ArrayList<>();
        Optional<RemoteUrl> url = spec.url().flatMap(RemoteEndpoint::parsed);
        url.flatMap(RemoteEndpoint::tlsHostProblem).ifPresent(problem ->
                warnings.add(entry.errorAt("url", problem + "; this server fails when it starts")));
        spec.tlsCaCertPath().ifPresent(path -> {
            try {
                CaCertificates.read(Path.of(path));
            } catch (IOException | InvalidPathException e) {
                warnings.add(entry.errorAt("tls_ca_cert_path", e.getMessage()
                        + "; this server fails when it starts until the file is fixed"));
            }
        });
        return List.copyOf(warnings);
    }

    /**
     * The endpoint of a server whose settings {@link #check} accepts, with its CA file read and,
     * for a host {@link URI} cannot hold, its address resolved.
     *
     * @throws IOException with a one-line reason: the first problem {@link #check} finds, a CA file
     *     that is missing or wrong, a host that cannot be reached this way or does not resolve
     */
    static RemoteEndpoint of(ServerSpec spec) throws IOException {
        List<SettingProblem> problems = check(spec);
        if (!problems.isEmpty()) {
            throw new IOException(problems.get(0).message());
        }
        RemoteUrl url = parsed(spec.url().orElseThrow()).orElseThrow();
        Optional<String> tlsProblem = tlsHostProblem(url);
        if (tlsProblem.isPresent()) {
            throw new IOException(tlsProblem.get());
        }
        Duration connectTimeout = Duration.ofSeconds(spec.startupTimeoutSecs());
        HttpClient.Builder client = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(connectTimeout.compareTo(MAX_CONNECT_TIMEOUT) < 0 ? connectTimeout : MAX_CONNECT_TIMEOUT)
                .version(url.scheme().equals("https") ? HttpClient.Version.HTTP_2 : HttpClient.Version.HTTP_1_1);
        if (spec.tlsCaCertPath().isPresent()) {
            Path file;
            try {
                file = Path.of(spec.tlsCaCertPath().get());
            } catch (InvalidPathException e) {
                throw new IOException("tls_ca_cert_path " + spec.tlsCaCertPath().get() + " is not a valid path");
            }
            client.sslContext(CaCertificates.context(file));
        }
        if (url.hostFitsUri()) {
            return new RemoteEndpoint(url, url.host(), Optional.empty(), spec.headers(), client.build());
        }
        if (!HostHeader.ALLOWED) {
            throw new IOException("the host '" + url.host() + "' of " + url.label() + " is reached at its address with a Host"
                    + " header, which this JVM does not let zeroclaw set: start it with " + ALLOW_HOST_OPTION);
        }
        return new RemoteEndpoint(url, resolve(url), Optional.of(url.authority()), spec.headers(), client.build());
    }

    RemoteUrl url() {
        return url;
    }

    HttpClient client() {
        return client;
    }

    /**
     * A request to {@code target}, a URL of this endpoint's origin, carrying the configured headers
     * (and {@code Host} when the host is reached at its address); the caller adds the protocol's own.
     */
    HttpRequest.Builder request(RemoteUrl target) {
        if (!target.sameOrigin(url)) {
            throw new IllegalArgumentException("not a URL of " + url.label() + "'s origin: " + target.label());
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(target.wire(wireHost));
        hostHeader.ifPresent(host -> request.header("Host", host));
        headers.forEach(request::header);
        return request;
    }

    /** The URL for messages: scheme, host, port and path; no user info, no query (either may hold a token). */
    String label() {
        return url.label();
    }

    /** Why {@code url} is not one a remote server can have, as upstream ZeroClaw's check words it. */
    static Optional<String> urlProblem(String url) {
        try {
            RemoteUrl.parse(url);
            return Optional.empty();
        } catch (RemoteUrl.Malformed e) {
            return Optional.of(e.otherScheme()
                    ? "'url' must use http or https; " + e.getMessage()
                    : "'url' is not a valid URL: " + e.getMessage());
        }
    }

    private static Optional<RemoteUrl> parsed(String url) {
        try {
            return Optional.of(RemoteUrl.parse(url));
        } catch (RemoteUrl.Malformed e) {
            return Optional.empty();
        }
    }

    /**
     * Why the JDK cannot speak TLS to {@code url}'s host: it sends the TLS server name and checks the
     * certificate against a host name of letters, digits and hyphens only ({@code SNIHostName}),
     * and would check the address instead of the name reached at it. Refused, never weakened.
     */
    private static Optional<String> tlsHostProblem(RemoteUrl url) {
        if (!url.scheme().equals("https") || url.hostFitsUri()) {
            return Optional.empty();
        }
        return Optional.of("zeroclaw cannot check a TLS certificate for the host '" + url.host() + "' (the JDK takes"
                + " letters, digits and '-' in a host name; an '_' is common in container names): name the server by"
                + " another name (a DNS or network alias), or use http:// inside a private network");
    }

    private static String resolve(RemoteUrl url) throws IOException {
        InetAddress address;
        try {
            address = InetAddress.getByName(url.host());
        } catch (UnknownHostException e) {
            throw new IOException("cannot reach " + url.label() + ": unknown host");
        }
        String literal = address.getHostAddress();
        return address instanceof Inet6Address ? "[" + literal + "]" : literal;
    }

    /** The media type of a response, lower case and without parameters; empty when it has none. */
    static String mediaType(HttpHeaders headers) {
        String type = headers.firstValue("Content-Type").orElse("");
        int parameters = type.indexOf(';');
        return (parameters < 0 ? type : type.substring(0, parameters)).trim().toLowerCase(Locale.ROOT);
    }

    // Messages name the header, never its value: header values are secrets.
    private static Optional<String> headerProblem(String name, String value) {
        if (name.isEmpty() || !name.chars().allMatch(RemoteEndpoint::isTokenChar)) {
            return Optional.of("header name '" + name + "' is not a valid HTTP header name");
        }
        String lower = name.toLowerCase(Locale.ROOT);
        if (RESTRICTED.contains(lower)) {
            return Optional.of("header '" + name + "' is set by the HTTP client itself and cannot be configured");
        }
        if (PROTOCOL.contains(lower)) {
            return Optional.of("header '" + name + "' is set by the transport itself (MCP needs its own value); remove it");
        }
        if (!value.chars().allMatch(c -> c == '\t' || (c >= 0x20 && c < 0x7f))) {
            return Optional.of("header '" + name + "' has a value with a character HTTP does not allow"
                    + " (a line break or another control character, or a non-ASCII character)");
        }
        return Optional.empty();
    }

    private static boolean isTokenChar(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || TOKEN_SYMBOLS.indexOf(c) >= 0;
    }

    /** Whether this JVM lets a caller set {@code Host}: read once, as the JDK reads its option once. */
    private static final class HostHeader {

        static final boolean ALLOWED = allowed();

        private HostHeader() {}

        private static boolean allowed() {
            try {
                HttpRequest.newBuilder(URI.create("http://127.0.0.1/")).header("Host", "localhost");
                return true;
            } catch (IllegalArgumentException e) {
                return false;
            }
        }
    }
}
