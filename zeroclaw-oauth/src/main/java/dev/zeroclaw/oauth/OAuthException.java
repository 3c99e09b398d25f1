package dev.zeroclaw.oauth;

import java.util.Optional;

/**
 * A step of the authorization flow failed. The message is for the operator and never holds a token, a code or a
 * client secret; {@link #errorCode()} is the OAuth error code when the server sent one ({@code invalid_grant}...).
 */
public final class OAuthException extends Exception {

    private static final long serialVersionUID = 1L;

    /** The OpenID Connect error code for "a person has to log in", used for a server with no tokens. */
    public static final String LOGIN_REQUIRED = "login_required";

    private final String errorCode;

    public OAuthException(String message) {
        this(message, null, null);
    }

    public OAuthException(String message, String errorCode, Throwable cause) {
        super(message, cause);
        this.errorCode = errorCode;
    }

    /** No usable grant at all (never logged in, or logged out): a person must run the login. */
    public static OAuthException loginRequired(String server) {
        return new OAuthException("server '" + server + "' needs an OAuth login: run zeroclaw auth login " + server,
                LOGIN_REQUIRED, null);
    }

    public Optional<String> errorCode() {
        return Optional.ofNullable(errorCode);
    }

    /**
     * The grant is gone (revoked, expired, rotated away): only a new login helps, so the server waits in
     * NEEDS_AUTH rather than being retried.
     */
    public boolean needsNewLogin() {
        return "invalid_grant".equals(errorCode) || "invalid_client".equals(errorCode) || LOGIN_REQUIRED.equals(errorCode);
    }
}
