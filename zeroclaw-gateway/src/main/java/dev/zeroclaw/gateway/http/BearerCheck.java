package dev.zeroclaw.gateway.http;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;

/**
 * Whether an {@code Authorization} header carries the gateway's token. The scheme is matched
 * without regard to case (RFC 7235 section 2.1: {@code bearer} is {@code Bearer}); the token itself
 * exactly, in constant time, so it cannot be guessed byte by byte from response times.
 */
final class BearerCheck {

    private static final String SCHEME = "bearer";

    private final byte[] token;

    BearerCheck(String token) {
        this.token = requireNonNull(token, "token is null").getBytes(StandardCharsets.UTF_8);
    }

    /** {@code true} for {@code <scheme> <token>} with the scheme {@code Bearer} in any case. */
    boolean accepts(String authorization) {
        if (authorization == null) {
            return false;
        }
        String header = authorization.strip();
        int space = header.indexOf(' ');
        if (space < 0 || !header.substring(0, space).toLowerCase(Locale.ROOT).equals(SCHEME)) {
            return false;
        }
        // RFC 7235 allows one or more spaces between scheme and credentials.
        byte[] given = header.substring(space + 1).stripLeading().getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(token, given);
    }
}
