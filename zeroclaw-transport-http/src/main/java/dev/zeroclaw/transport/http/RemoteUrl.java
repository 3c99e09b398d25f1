package dev.zeroclaw.transport.http;

import static java.util.Objects.requireNonNull;

import java.io.ByteArrayOutputStream;
import java.net.IDN;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * An {@code http} or {@code https} URL read as upstream ZeroClaw reads it: by the WHATWG URL
 * Standard (the {@code url} crate behind reqwest), not by {@link URI}. So a host with an
 * underscore ({@code http://mcp_server.local:8080/mcp}, a docker-compose service), a {@code |} in
 * a query and a {@code {tenant}} in a path are URLs; {@code {} } in a path are percent-encoded, as
 * the standard does, and so are a space, quotes and angle brackets. The fragment is dropped: HTTP
 * never sends it.
 *
 * <p>{@link URI}, which the JDK's HTTP client needs, is stricter: {@link #wire} percent-encodes
 * the characters it refuses ({@code |}, {@code ^}, {@code [}, {@code ]}, a backtick, braces and a
 * backslash in a query), which a server decodes to the same text, and takes the host to put in it,
 * since a host with an underscore cannot be one.
 *
 * @param scheme {@code http} or {@code https}
 * @param host as the standard serialises it: a lower-case ASCII domain (IDNA for others), an IPv4
 *     address in dotted decimal, or an IPv6 address in brackets
 * @param port the port, or -1 for the scheme's default (the standard drops a default port)
 * @param path the path, percent-encoded, starting with {@code /}
 * @param query the query without its {@code ?}, percent-encoded; null when there is none
 */
record RemoteUrl(String scheme, String host, int port, String path, String query) {

    /** Why a text is not an http(s) URL: the one-line reason of a parse failure. */
    static final class Malformed extends Exception {

        private static final long serialVersionUID = 1L;

        /** True when the text is a URL, but not an http or https one. */
        private final boolean otherScheme;

        Malformed(String message, boolean otherScheme) {
            super(message, null, false, false);
            this.otherScheme = otherScheme;
        }

        boolean otherScheme() {
            return otherScheme;
        }
    }

    // The WHATWG percent-encode sets this parser uses, beyond C0 controls and non-ASCII.
    private static final String PATH_SET = " \"#<>?^`{}";
    private static final String SPECIAL_QUERY_SET = " \"#<>'";
    // What java.net.URI (RFC 2396) takes literally in a path or a query besides letters and digits.
    private static final String URI_PATH_CHARS = "-_.!~*'();:@&=+$,/";
    private static final String URI_QUERY_CHARS = URI_PATH_CHARS + "?";
    private static final String FORBIDDEN_IN_DOMAIN = "\u0000\t\n\r #/:<>?@[\\]^|%\u007f";
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    RemoteUrl {
        requireNonNull(scheme, "scheme is null");
        requireNonNull(host, "host is null");
        requireNonNull(path, "path is null");
    }

    /**
     * The URL {@code text} names, as the WHATWG URL Standard parses it without a base.
     *
     * @throws Malformed when it is no URL, or not an http or https one
     */
    static RemoteUrl parse(String text) throws Malformed {
        requireNonNull(text, "text is null");
        String input = strip(text);
        int colon = schemeEnd(input);
        if (colon < 0) {
            throw new Malformed("it has no scheme (http:// or https://)", false);
        }
        String scheme = input.substring(0, colon).toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new Malformed("its scheme is '" + scheme + "'", true);
        }
        int at = colon + 1;
        while (at < input.length() && isSlash(input.charAt(at))) {
            at++; // the standard ignores any number of slashes (and backslashes) here
        }
        int authorityEnd = at;
        while (authorityEnd < input.length() && "/\\?#".indexOf(input.charAt(authorityEnd)) < 0) {
            authorityEnd++;
        }
        String authority = input.substring(at, authorityEnd);
        String hostAndPort = authority.substring(authority.lastIndexOf('@') + 1); // user info is never sent
        int portColon = portColon(hostAndPort);
        String rawHost = portColon < 0 ? hostAndPort : hostAndPort.substring(0, portColon);
        if (rawHost.isEmpty()) {
            throw new Malformed("it has no host", false);
        }
        String host = host(rawHost);
        int port = portColon < 0 ? -1 : port(hostAndPort.substring(portColon + 1), scheme);
        return withPathAndQuery(scheme, host, port, input.substring(authorityEnd));
    }

    /**
     * {@code reference} resolved against this URL, as the standard resolves it with this URL as its
     * base: an absolute URL, {@code //host/path}, {@code /path}, {@code ?query} or a relative path.
     *
     * @throws Malformed when the result is no URL, or not an http or https one
     */
    RemoteUrl resolve(String reference) throws Malformed {
        requireNonNull(reference, "reference is null");
        String input = strip(reference);
        int colon = schemeEnd(input);
        if (colon >= 0 && !input.substring(0, colon).equalsIgnoreCase(scheme)) {
            return parse(input);
        }
        if (colon >= 0) {
            String rest = input.substring(colon + 1);
            // The base's own scheme: "http://h/x" is absolute, "http:x" is relative to the base.
            if (rest.startsWith("/") || rest.startsWith("\\")) {
                return parse(input);
            }
            input = rest;
        }
        if (input.startsWith("//") || input.startsWith("\\\\") || input.startsWith("/\\") || input.startsWith("\\/")) {
            return parse(scheme + ":" + input);
        }
        if (input.startsWith("/") || input.startsWith("\\")) {
            return withPathAndQuery(scheme, host, port, input);
        }
        if (input.isEmpty() || input.startsWith("#")) {
            return this;
        }
        if (input.startsWith("?")) {
            return withPathAndQuery(scheme, host, port, path + input);
        }
        return withPathAndQuery(scheme, host, port, path.substring(0, path.lastIndexOf('/') + 1) + input);
    }

    /** {@code host} or {@code host:port}: what HTTP's {@code Host} header carries. */
    String authority() {
        return port < 0 ? host : host + ":" + port;
    }

    /** Scheme, host and port: the origin the configured headers may go to. */
    boolean sameOrigin(RemoteUrl other) {
        return scheme.equals(other.scheme) && host.equals(other.host) && port == other.port;
    }

    /**
     * For messages: scheme, host, port and path; no query (it may hold a token; the user info, which
     * may too, is never kept).
     */
    String label() {
        return scheme + "://" + authority() + path;
    }

    /** True when {@link URI} takes the host as a host: false for {@code mcp_server.local}, say. */
    boolean hostFitsUri() {
        try {
            return host.equals(new URI(scheme + "://" + host + "/").getHost());
        } catch (URISyntaxException e) {
            return false;
        }
    }

    /**
     * The URI for the JDK's HTTP client: this URL with {@code hostLiteral} for its host (the host
     * itself, or the address it resolves to) and the characters {@link URI} refuses percent-encoded.
     */
    URI wire(String hostLiteral) {
        String text = scheme + "://" + hostLiteral + (port < 0 ? "" : ":" + port) + escapeForUri(path, URI_PATH_CHARS)
                + (query == null ? "" : "?" + escapeForUri(query, URI_QUERY_CHARS));
        try {
            return new URI(text);
        } catch (URISyntaxException e) {
            throw new IllegalStateException("an escaped URL is not a URI: " + label(), e);
        }
    }

    // --- the parser's steps ------------------------------------------------------------------

    /** Leading and trailing C0 controls and spaces go, and every tab and line break within. */
    private static String strip(String text) {
        int start = 0;
        int end = text.length();
        while (start < end && text.charAt(start) <= ' ') {
            start++;
        }
        while (end > start && text.charAt(end - 1) <= ' ') {
            end--;
        }
        StringBuilder kept = new StringBuilder(end - start);
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            if (c != '\t' && c != '\n' && c != '\r') {
                kept.append(c);
            }
        }
        return kept.toString();
    }

    /** The index of the colon that ends a scheme at the start of {@code input}, or -1. */
    private static int schemeEnd(String input) {
        if (input.isEmpty() || !isAsciiLetter(input.charAt(0))) {
            return -1;
        }
        for (int i = 1; i < input.length(); i++) {
            char c = input.charAt(i);
            if (c == ':') {
                return i;
            }
            if (!isAsciiLetter(c) && !(c >= '0' && c <= '9') && c != '+' && c != '-' && c != '.') {
                return -1;
            }
        }
        return -1;
    }

    /** The colon between host and port: the first one outside an IPv6 address's brackets. */
    private static int portColon(String hostAndPort) {
        boolean inBrackets = false;
        for (int i = 0; i < hostAndPort.length(); i++) {
            char c = hostAndPort.charAt(i);
            if (c == '[') {
                inBrackets = true;
            } else if (c == ']') {
                inBrackets = false;
            } else if (c == ':' && !inBrackets) {
                return i;
            }
        }
        return -1;
    }

    private static int port(String digits, String scheme) throws Malformed {
        if (digits.isEmpty()) {
            return -1;
        }
        if (!digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new Malformed("its port '" + digits + "' is not a number", false);
        }
        String significant = digits.replaceFirst("^0+(?=.)", "");
        if (significant.length() > 5 || Integer.parseInt(significant) > 65535) {
            throw new Malformed("its port " + digits + " is greater than 65535", false);
        }
        int port = Integer.parseInt(significant);
        return port == (scheme.equals("https") ? 443 : 80) ? -1 : port;
    }

    private static String host(String raw) throws Malformed {
        if (raw.startsWith("[")) {
            if (!raw.endsWith("]")) {
                throw new Malformed("its IPv6 address has no closing ']'", false);
            }
            return "[" + ipv6(raw.substring(1, raw.length() - 1)) + "]";
        }
        String domain = percentDecode(raw);
        String ascii;
        if (domain.chars().allMatch(c -> c < 0x80)) {
            ascii = domain.toLowerCase(Locale.ROOT);
        } else {
            try {
                ascii = IDN.toASCII(domain, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
            } catch (IllegalArgumentException e) {
                throw new Malformed("its host '" + raw + "' is not a valid international domain name", false);
            }
        }
        for (int i = 0; i < ascii.length(); i++) {
            char c = ascii.charAt(i);
            if (c < 0x20 || FORBIDDEN_IN_DOMAIN.indexOf(c) >= 0) {
                throw new Malformed("its host '" + raw + "' holds a character a host name cannot have ("
                        + describe(c) + ")", false);
            }
        }
        if (ascii.isEmpty()) {
            throw new Malformed("it has no host", false);
        }
        return endsInANumber(ascii) ? ipv4(ascii, raw) : ascii;
    }

    /** A host whose last label is a number is an IPv4 address (or no host at all): {@code 127.1}. */
    private static boolean endsInANumber(String host) {
        List<String> parts = new ArrayList<>(List.of(host.split("\\.", -1)));
        if (parts.get(parts.size() - 1).isEmpty()) {
            if (parts.size() == 1) {
                return false;
            }
            parts.remove(parts.size() - 1);
        }
        String last = parts.get(parts.size() - 1);
        if (!last.isEmpty() && last.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return true;
        }
        return ipv4Number(last) >= 0;
    }

    private static String ipv4(String host, String raw) throws Malformed {
        List<String> parts = new ArrayList<>(List.of(host.split("\\.", -1)));
        if (parts.get(parts.size() - 1).isEmpty() && parts.size() > 1) {
            parts.remove(parts.size() - 1);
        }
        Malformed invalid = new Malformed("its host '" + raw + "' is not a valid IPv4 address", false);
        if (parts.size() > 4) {
            throw invalid;
        }
        long[] numbers = new long[parts.size()];
        for (int i = 0; i < parts.size(); i++) {
            numbers[i] = ipv4Number(parts.get(i));
            if (numbers[i] < 0 || (i < parts.size() - 1 && numbers[i] > 255)) {
                throw invalid;
            }
        }
        int last = numbers.length - 1;
        if (numbers[last] >= 1L << (8 * (5 - numbers.length))) {
            throw invalid;
        }
        long address = numbers[last];
        for (int i = 0; i < last; i++) {
            address += numbers[i] << (8 * (3 - i));
        }
        return (address >> 24) + "." + ((address >> 16) & 0xff) + "." + ((address >> 8) & 0xff) + "." + (address & 0xff);
    }

    /** A part of an IPv4 address: decimal, {@code 0x} hexadecimal or {@code 0} octal; -1 when none. */
    private static long ipv4Number(String part) {
        if (part.isEmpty()) {
            return -1;
        }
        int radix = 10;
        String digits = part;
        if (part.length() >= 2 && (part.startsWith("0x") || part.startsWith("0X"))) {
            radix = 16;
            digits = part.substring(2);
        } else if (part.length() >= 2 && part.startsWith("0")) {
            radix = 8;
            digits = part.substring(1);
        }
        if (digits.isEmpty()) {
            return 0;
        }
        long value = 0;
        for (int i = 0; i < digits.length(); i++) {
            int digit = Character.digit(digits.charAt(i), radix);
            if (digit < 0 || digits.charAt(i) > 0x7f) {
                return -1;
            }
            value = value * radix + digit;
            if (value > 0xFFFF_FFFFL) {
                return Long.MAX_VALUE >> 1; // too large for any part; still a number
            }
        }
        return value;
    }

    /** An IPv6 address, compressed as the standard serialises it. */
    private static String ipv6(String inner) throws Malformed {
        Malformed invalid = new Malformed("its host '[" + inner + "]' is not a valid IPv6 address", false);
        if (inner.isEmpty() || !inner.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == ':' || c == '.')) {
            throw invalid; // also keeps a zone ("%eth0") and a host name out of the JDK's parser
        }
        byte[] bytes;
        try {
            bytes = InetAddress.getByName("[" + inner + "]").getAddress(); // a literal: no lookup
        } catch (UnknownHostException e) {
            throw invalid;
        }
        if (bytes.length == 4) {
            // The JDK turns ::ffff:a.b.c.d into an IPv4 address; the standard keeps it IPv6.
            byte[] mapped = new byte[16];
            mapped[10] = (byte) 0xff;
            mapped[11] = (byte) 0xff;
            System.arraycopy(bytes, 0, mapped, 12, 4);
            bytes = mapped;
        }
        int[] pieces = new int[8];
        for (int i = 0; i < 8; i++) {
            pieces[i] = ((bytes[2 * i] & 0xff) << 8) | (bytes[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; ) {
            int j = i;
            while (j < 8 && pieces[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j == i ? i + 1 : j;
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                out.append(i == 0 ? "::" : ":");
                i += bestLength - 1;
                continue;
            }
            out.append(Integer.toHexString(pieces[i]));
            if (i < 7) {
                out.append(':');
            }
        }
        return out.toString();
    }

    /** Path (with its dot segments resolved) and query of what follows the authority. */
    private static RemoteUrl withPathAndQuery(String scheme, String host, int port, String rest) {
        int fragment = rest.indexOf('#');
        String beforeFragment = fragment < 0 ? rest : rest.substring(0, fragment);
        int question = beforeFragment.indexOf('?');
        String rawPath = question < 0 ? beforeFragment : beforeFragment.substring(0, question);
        String query = question < 0 ? null : percentEncode(beforeFragment.substring(question + 1), SPECIAL_QUERY_SET);
        return new RemoteUrl(scheme, host, port, path(rawPath), query);
    }

    private static String path(String raw) {
        String body = raw.startsWith("/") || raw.startsWith("\\") ? raw.substring(1) : raw;
        String[] segments = body.split("[/\\\\]", -1);
        List<String> kept = new ArrayList<>();
        for (int i = 0; i < segments.length; i++) {
            boolean last = i == segments.length - 1;
            String segment = segments[i];
            String lower = segment.toLowerCase(Locale.ROOT);
            if (lower.equals("..") || lower.equals(".%2e") || lower.equals("%2e.") || lower.equals("%2e%2e")) {
                if (!kept.isEmpty()) {
                    kept.remove(kept.size() - 1);
                }
                if (last) {
                    kept.add("");
                }
            } else if (lower.equals(".") || lower.equals("%2e")) {
                if (last) {
                    kept.add("");
                }
            } else {
                kept.add(percentEncode(segment, PATH_SET));
            }
        }
        return "/" + String.join("/", kept);
    }

    /** {@code text} with C0 controls, non-ASCII (as UTF-8) and the characters of {@code set} percent-encoded. */
    private static String percentEncode(String text, String set) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); ) {
            int codePoint = text.codePointAt(i);
            i += Character.charCount(codePoint);
            if (codePoint >= 0x20 && codePoint < 0x7f && set.indexOf(codePoint) < 0) {
                out.append((char) codePoint);
                continue;
            }
            if (Character.isSurrogate((char) codePoint) && codePoint < 0x10000) {
                codePoint = 0xFFFD; // a lone surrogate, as the standard's UTF-8 encoder replaces it
            }
            for (byte b : new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8)) {
                appendEscape(out, b & 0xff);
            }
        }
        return out.toString();
    }

    /** Escapes what {@link URI} refuses: any character beyond {@code allowed}, and a {@code %} that starts no escape. */
    private static String escapeForUri(String text, String allowed) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean escape = c == '%' && i + 2 < text.length() && Character.digit(text.charAt(i + 1), 16) >= 0
                    && Character.digit(text.charAt(i + 2), 16) >= 0;
            if (isAsciiLetter(c) || (c >= '0' && c <= '9') || allowed.indexOf(c) >= 0 || escape) {
                out.append(c);
            } else {
                appendEscape(out, c); // ASCII only: percentEncode took everything else
            }
        }
        return out.toString();
    }

    private static String percentDecode(String text) {
        if (text.indexOf('%') < 0) {
            return text;
        }
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length);
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '%' && i + 2 < bytes.length && Character.digit(bytes[i + 1], 16) >= 0
                    && Character.digit(bytes[i + 2], 16) >= 0) {
                out.write(Character.digit(bytes[i + 1], 16) * 16 + Character.digit(bytes[i + 2], 16));
                i += 2;
            } else {
                out.write(bytes[i]);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static void appendEscape(StringBuilder out, int b) {
        out.append('%').append(HEX[b >> 4]).append(HEX[b & 0xf]);
    }

    private static boolean isSlash(char c) {
        return c == '/' || c == '\\';
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static String describe(char c) {
        return c <= ' ' || c == 0x7f ? String.format("U+%04X", (int) c) : "'" + c + "'";
    }

    @Override
    public String toString() {
        return label();
    }
}
