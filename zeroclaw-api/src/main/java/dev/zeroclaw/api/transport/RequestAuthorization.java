package dev.zeroclaw.api.transport;

import java.io.IOException;
import java.util.Optional;

/**
 * The {@code Authorization} header of a remote transport's requests, when the daemon manages it (MCP
 * authorization: OAuth tokens that are refreshed and rotated). A transport asks for the header before each
 * request and, after a {@code 401}, asks for a renewal and retries the request once. The header's value is a
 * secret: a transport never logs it nor puts it in a message.
 *
 * <p>Both methods may block (a refresh is an HTTP exchange); a transport calls them off the caller's thread
 * where it can. They throw {@link AuthorizationRequiredException} when only a person can help (log in again):
 * its message says what to run.
 */
public interface RequestAuthorization {

    /** No managed authorization: the configured {@code headers} alone apply. */
    RequestAuthorization NONE = new RequestAuthorization() {
        @Override
        public Optional<String> header() {
            return Optional.empty();
        }

        @Override
        public boolean renewAfterUnauthorized(Optional<String> wwwAuthenticate) {
            return false;
        }
    };

    /** The value of the {@code Authorization} header for the next request ({@code Bearer ...}), or empty for none. */
    Optional<String> header() throws IOException;

    /**
     * A request was answered {@code 401}, with this {@code WWW-Authenticate} header if there was one. Renews what
     * {@link #header()} returns; true when a retry may succeed, false when there is nothing to renew.
     */
    boolean renewAfterUnauthorized(Optional<String> wwwAuthenticate) throws IOException;

    /**
     * The message of the last {@link AuthorizationRequiredException} this authorization threw, until a header or a
     * renewal succeeds again: a server whose start failed while this is present waits for a person (NEEDS_AUTH)
     * rather than being retried.
     */
    default Optional<String> personNeeded() {
        return Optional.empty();
    }
}
