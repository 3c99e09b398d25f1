package dev.zeroclaw.transport.http;

import static java.util.Objects.requireNonNull;

import dev.zeroclaw.api.transport.RequestAuthorization;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Locale;
import java.util.Optional;

/**
 * The managed {@code Authorization} header of a remote transport (MCP authorization: OAuth tokens the daemon
 * refreshes): set over a configured one on each request, and renewed once after a {@code 401}.
 */
final class ManagedAuthorization {

    private final RequestAuthorization authorization;

    ManagedAuthorization(RequestAuthorization authorization) {
        this.authorization = requireNonNull(authorization, "authorization is null");
    }

    /** Sets the managed header, over a configured one; the configured headers alone without it. */
    HttpRequest.Builder authorized(HttpRequest.Builder request) throws IOException {
        Optional<String> header = authorization.header();
        header.ifPresent(value -> request.setHeader("Authorization", value));
        return request;
    }

    /** The same request with the header as it is now (after {@link #renew}). */
    HttpRequest reauthorized(HttpRequest request) throws IOException {
        return authorized(HttpRequest.newBuilder(request, (name, value) -> !name.equalsIgnoreCase("Authorization"))).build();
    }

    /**
     * A 401, or a 403 whose Bearer challenge says {@code insufficient_scope} (MCP step-up authorization): both are
     * the authorization's to answer. Any other 403 is a refusal that a new token would not change.
     */
    static boolean asksForAuthorization(HttpResponse<?> response) {
        return response.statusCode() == 401 || (response.statusCode() == 403 && response.headers().allValues("WWW-Authenticate")
                .stream().anyMatch(value -> value.toLowerCase(Locale.ROOT).contains("insufficient_scope")));
    }

    /**
     * After a 401 (or a step-up 403): renews the authorization; true when the request is worth sending once more.
     *
     * @throws dev.zeroclaw.api.transport.AuthorizationRequiredException when only a person can help (a login)
     */
    boolean renew(HttpResponse<?> response) throws IOException {
        return authorization.renewAfterUnauthorized(response.headers().firstValue("WWW-Authenticate"));
    }
}
