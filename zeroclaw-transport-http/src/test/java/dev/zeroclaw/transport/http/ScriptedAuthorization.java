package dev.zeroclaw.transport.http;

import dev.zeroclaw.api.transport.AuthorizationRequiredException;
import dev.zeroclaw.api.transport.RequestAuthorization;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A {@link RequestAuthorization} a test scripts: it hands out {@link #current}, moves to {@link #next} after a 401
 * (none: no renewal), or refuses as after a revoked refresh token; it records each challenge it was shown.
 */
final class ScriptedAuthorization implements RequestAuthorization {

    volatile String current;
    volatile String next;
    volatile String refusal;
    final List<String> challenges = new CopyOnWriteArrayList<>();

    ScriptedAuthorization(String current, String next) {
        this.current = current;
        this.next = next;
    }

    @Override
    public Optional<String> header() {
        return Optional.of("Bearer " + current);
    }

    @Override
    public boolean renewAfterUnauthorized(Optional<String> wwwAuthenticate) throws IOException {
        challenges.add(wwwAuthenticate.orElse(""));
        if (refusal != null) {
            throw new AuthorizationRequiredException(refusal);
        }
        if (next == null) {
            return false;
        }
        current = next;
        return true;
    }
}
