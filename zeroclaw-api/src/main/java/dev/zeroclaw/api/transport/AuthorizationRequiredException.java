package dev.zeroclaw.api.transport;

import java.io.IOException;

/**
 * A remote server needs a person to authorize zeroclaw again (never logged in, a refresh token revoked or
 * expired, more scope asked for): retrying will not help. The message says what to run; it never holds a token.
 */
public final class AuthorizationRequiredException extends IOException {

    private static final long serialVersionUID = 1L;

    public AuthorizationRequiredException(String message) {
        super(message);
    }
}
