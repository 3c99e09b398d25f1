package dev.zeroclaw.oauth;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code Bearer} challenge of a {@code WWW-Authenticate} header (RFC 6750 section 3, RFC 9728 section 5.1):
 * where the protected resource metadata is, the scope the server wants, and the error. A header may carry several
 * challenges ({@code Basic realm="x", Bearer scope="a b"}); only the Bearer one counts.
 */
public record BearerChallenge(Optional<URI> resourceMetadata, Optional<String> scope, Optional<String> error) {

    public BearerChallenge {
        requireNonNull(resourceMetadata, "resourceMetadata is null");
        requireNonNull(scope, "scope is null");
        requireNonNull(error, "error is null");
    }

    /** The Bearer challenge of the header, or empty when there is none (no header, another scheme only). */
    public static Optional<BearerChallenge> parse(String header) {
        if (header == null) {
            return Optional.empty();
        }
        Map<String, String> params = null;
        int i = 0;
        int n = header.length();
        while (i < n) {
            i = skip(header, i, " \t,");
            int start = i;
            while (i < n && isTokenChar(header.charAt(i))) {
                i++;
            }
            if (i == start) {
                return Optional.ofNullable(params).map(BearerChallenge::of); // malformed rest: keep what we have
            }
            String word = header.substring(start, i);
            int afterWord = skip(header, i, " \t");
            if (afterWord < n && header.charAt(afterWord) == '=') {
                // An auth-param of the current challenge.
                i = skip(header, afterWord + 1, " \t");
                StringBuilder value = new StringBuilder();
                if (i < n && header.charAt(i) == '"') {
                    i++;
                    while (i < n && header.charAt(i) != '"') {
                        if (header.charAt(i) == '\\' && i + 1 < n) {
                            i++;
                        }
                        value.append(header.charAt(i++));
                    }
                    i++; // closing quote
                } else {
                    while (i < n && header.charAt(i) != ',' && header.charAt(i) != ' ' && header.charAt(i) != '\t') {
                        value.append(header.charAt(i++));
                    }
                }
                if (params != null) {
                    params.putIfAbsent(word.toLowerCase(Locale.ROOT), value.toString());
                }
            } else {
                // A new challenge: its scheme.
                if (params != null) {
                    return Optional.of(of(params)); // the Bearer challenge ended
                }
                if (word.equalsIgnoreCase("bearer")) {
                    params = new LinkedHashMap<>();
                }
                i = afterWord;
            }
        }
        return Optional.ofNullable(params).map(BearerChallenge::of);
    }

    /** True when the server says the token lacks a scope (step-up authorization, RFC 6750 section 3.1). */
    public boolean insufficientScope() {
        return error.filter("insufficient_scope"::equals).isPresent();
    }

    private static BearerChallenge of(Map<String, String> params) {
        Optional<URI> metadata = Optional.ofNullable(params.get("resource_metadata")).flatMap(BearerChallenge::uri);
        return new BearerChallenge(metadata,
                Optional.ofNullable(params.get("scope")).filter(s -> !s.isBlank()),
                Optional.ofNullable(params.get("error")).filter(s -> !s.isBlank()));
    }

    private static Optional<URI> uri(String value) {
        try {
            URI uri = new URI(value);
            return uri.isAbsolute() ? Optional.of(uri) : Optional.empty();
        } catch (URISyntaxException e) {
            return Optional.empty(); // an unusable hint: discovery falls back to the well-known locations
        }
    }

    private static int skip(String s, int i, String chars) {
        while (i < s.length() && chars.indexOf(s.charAt(i)) >= 0) {
            i++;
        }
        return i;
    }

    private static boolean isTokenChar(char c) {
        return c > ' ' && c < 127 && "()<>@,;:\\\"/[]?={} \t".indexOf(c) < 0;
    }
}
