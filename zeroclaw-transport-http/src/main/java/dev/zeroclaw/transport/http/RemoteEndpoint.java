package dev.zeroclaw.transport.http;

import static java.util.Objects.requireNonNull;

import dev.zeroclaw.api.ConfigError;
import dev.zeroclaw.api.ServerSpec;
import dev.zeroclaw.api.transport.ServerEntry;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
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
 * besides the JVM's CAs. One per transport instance.
 *
 * <p>The client follows no redirect: a redirect would carry the secret headers to wherever the
 * server points. Plain {@code http://} speaks HTTP/1.1 (no {@code h2c} upgrade, which some servers
 * mishandle); {@code https://} lets TLS negotiate HTTP/2.
 */
final class RemoteEndpoint {

    /** Headers the JDK's client sets itself and refuses from its callers. */
    private static final Set<String> RESTRICTED = Set.of("connection", "content-length", "expect", "host", "upgrade");
    /** Headers the transports set themselves; a configured value would break the protocol. */
    private static final Set<String> PROTOCOL =
            Set.of("accept", "content-type", "mcp-session-id", "mcp-protocol-version", "last-event-id");
    private static final String TOKEN_SYMBOLS = "!#$%&'*+-.^_`|~";
    private static final Duration MAX_CONNECT_TIMEOUT = Duration.ofSeconds(30);

    private final URI uri;
    private final Map<String, String> headers;
    private final HttpClient client;

    private RemoteEndpoint(URI uri, Map<String, String> headers, HttpClient client) {
        this.uri = uri;
        this.headers = headers;
        this.client = client;
    }

    /**
     * Every problem with a server's {@code url}, {@code headers} and {@code tls_ca_cert_path}, and
     * the settings of a stdio server ({@code command}, {@code args}, {@code env}, {@code cwd}) when
     * they hold something (upstream ZeroClaw writes empty ones). Reads the CA file, nothing else.
     */
    static List<SettingProblem> check(ServerSpec spec) {
        requireNonNull(spec, "spec is null");
        List<SettingProblem> problems = new ArrayList<>();
        if (spec.url().isEmpty()) {
            problems.add(new SettingProblem("url", "a remote server needs a url, e.g. url = \"https://mcp.example.com/mcp\""));
        } else if (parse(spec.url().get()) == null) {
            problems.add(new SettingProblem("url", "'url' must be an http:// or https:// URL with a host"));
        }
        spec.headers().forEach((name, value) -> headerProblem(name, value)
                .ifPresent(message -> problems.add(new SettingProblem("headers." + name, message))));
        spec.tlsCaCertPath().ifPresent(path -> {
            try {
                CaCertificates.read(Path.of(path));
            } catch (IOException | InvalidPathException e) {
                problems.add(new SettingProblem("tls_ca_cert_path", e.getMessage()));
            }
        });
        String stdioOnly = "' is only used by the stdio transport; a remote server is reached at its url:"
                + " remove it or leave it empty";
        if (!spec.command().isEmpty()) {
            problems.add(new SettingProblem("command", "'command" + stdioOnly));
        }
        if (!spec.args().isEmpty()) {
            problems.add(new SettingProblem("args", "'args" + stdioOnly));
        }
        if (!spec.env().isEmpty()) {
            problems.add(new SettingProblem("env", "'env" + stdioOnly));
        }
        spec.cwd().ifPresent(cwd -> problems.add(new SettingProblem("cwd", "'cwd" + stdioOnly)));
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
     * The endpoint of a server whose settings {@link #check} accepts.
     *
     * @throws IOException with the first problem {@link #check} finds
     */
    static RemoteEndpoint of(ServerSpec spec) throws IOException {
        List<SettingProblem> problems = check(spec);
        if (!problems.isEmpty()) {
            throw new IOException(problems.get(0).message());
        }
        URI uri = parse(spec.url().orElseThrow());
        Duration connectTimeout = Duration.ofSeconds(spec.startupTimeoutSecs());
        HttpClient.Builder client = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(connectTimeout.compareTo(MAX_CONNECT_TIMEOUT) < 0 ? connectTimeout : MAX_CONNECT_TIMEOUT)
                .version(uri.getScheme().equalsIgnoreCase("https") ? HttpClient.Version.HTTP_2 : HttpClient.Version.HTTP_1_1);
        if (spec.tlsCaCertPath().isPresent()) {
            client.sslContext(CaCertificates.context(Path.of(spec.tlsCaCertPath().get())));
        }
        return new RemoteEndpoint(uri, spec.headers(), client.build());
    }

    URI uri() {
        return uri;
    }

    HttpClient client() {
        return client;
    }

    /** A request to {@code target} carrying the configured headers; the caller adds the protocol's own. */
    HttpRequest.Builder request(URI target) {
        HttpRequest.Builder request = HttpRequest.newBuilder(target);
        headers.forEach(request::header);
        return request;
    }

    /** The URL for messages: scheme, host, port and path; no user info, no query (either may hold a token). */
    String label() {
        return label(uri);
    }

    static String label(URI uri) {
        return uri.getScheme() + "://" + uri.getRawAuthority().substring(uri.getRawAuthority().lastIndexOf('@') + 1)
                + (uri.getRawPath() == null ? "" : uri.getRawPath());
    }

    /** The media type of a response, lower case and without parameters; empty when it has none. */
    static String mediaType(HttpHeaders headers) {
        String type = headers.firstValue("Content-Type").orElse("");
        int parameters = type.indexOf(';');
        return (parameters < 0 ? type : type.substring(0, parameters)).trim().toLowerCase(Locale.ROOT);
    }

    private static URI parse(String url) {
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
                return uri;
            }
            return null;
        } catch (URISyntaxException e) {
            return null;
        }
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
}
