package dev.zeroclaw.oauth;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Tokens from one authorization server for one resource. {@link #toString()} never shows a token: a record's
 * default would print them into any log line or exception that mentions this value.
 */
public record TokenSet(URI issuer, URI resource, String accessToken, Optional<String> refreshToken,
        Optional<Instant> expiresAt, Optional<String> scope) {

    /** Refresh this long before the access token expires, so a request never races the expiry. */
    public static final Duration REFRESH_MARGIN = Duration.ofSeconds(60);

    public TokenSet {
        requireNonNull(issuer, "issuer is null");
        requireNonNull(resource, "resource is null");
        requireNonNull(accessToken, "accessToken is null");
        requireNonNull(refreshToken, "refreshToken is null");
        requireNonNull(expiresAt, "expiresAt is null");
        requireNonNull(scope, "scope is null");
    }

    /** True when the access token expires within {@link #REFRESH_MARGIN} of {@code now} (or already has). */
    public boolean needsRefresh(Instant now) {
        return expiresAt.map(at -> !now.plus(REFRESH_MARGIN).isBefore(at)).orElse(false);
    }

    @Override
    public String toString() {
        return "TokenSet[issuer=" + issuer + ", resource=" + resource + ", accessToken=(hidden), refreshToken="
                + (refreshToken.isPresent() ? "(hidden)" : "(none)") + ", expiresAt=" + expiresAt.map(Instant::toString).orElse("(none)")
                + ", scope=" + scope.orElse("(none)") + "]";
    }
}
