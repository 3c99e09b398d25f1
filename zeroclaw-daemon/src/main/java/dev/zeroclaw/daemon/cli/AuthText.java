package dev.zeroclaw.daemon.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.zeroclaw.api.ServerSpec;
import dev.zeroclaw.oauth.StoredAuthorization;
import dev.zeroclaw.oauth.TokenSet;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** A stored login as {@code zeroclaw auth} shows it: issuer, scopes, expiry, refresh token held, client. Never a token. */
final class AuthText {

    private AuthText() {}

    /** The JSON fields of one login. */
    static ObjectNode document(StoredAuthorization stored, ServerSpec server, Instant now, ObjectMapper json) {
        TokenSet tokens = stored.tokens();
        ObjectNode node = json.createObjectNode()
                .put("issuer", tokens.issuer().toString())
                .put("resource", tokens.resource().toString())
                .put("scope", tokens.scope().orElse(null))
                .put("expires_at", tokens.expiresAt().map(at -> at.truncatedTo(ChronoUnit.SECONDS).toString()).orElse(null))
                .put("expired", tokens.expiresAt().map(at -> !at.isAfter(now)).orElse(false))
                .put("refresh_token", tokens.refreshToken().isPresent())
                .put("client_id", stored.client().clientId())
                .put("client", clientKind(stored, server));
        return node;
    }

    /** The lines of one login, each indented by two spaces. */
    static String lines(StoredAuthorization stored, ServerSpec server, Instant now) {
        TokenSet tokens = stored.tokens();
        StringBuilder out = new StringBuilder();
        out.append("  issuer        ").append(tokens.issuer()).append('\n');
        out.append("  scopes        ").append(tokens.scope().orElse("(none named)")).append('\n');
        out.append("  access token  ").append(expiry(tokens, now))
                .append(tokens.refreshToken().isPresent() ? "; refresh token held" : "; no refresh token").append('\n');
        out.append("  client        ").append(stored.client().clientId()).append(" (").append(clientKind(stored, server))
                .append(")\n");
        return out.toString();
    }

    /** "expires 2026-12-01T10:00:00Z (in 59 min)", "expired ...", or "no expiry given". */
    static String expiry(TokenSet tokens, Instant now) {
        if (tokens.expiresAt().isEmpty()) {
            return "no expiry given";
        }
        Instant at = tokens.expiresAt().get().truncatedTo(ChronoUnit.SECONDS);
        if (!at.isAfter(now)) {
            return "expired " + at + " (refreshed at the next request)";
        }
        return "expires " + at + " (in " + human(Duration.between(now, at)) + ")";
    }

    private static String human(Duration left) {
        if (left.toMinutes() < 1) {
            return left.toSeconds() + " s";
        }
        if (left.toHours() < 2) {
            return left.toMinutes() + " min";
        }
        return left.toHours() + " h";
    }

    /** configured ({@code oauth_client_id}), or registered (Dynamic Client Registration). */
    private static String clientKind(StoredAuthorization stored, ServerSpec server) {
        boolean configured = server != null && server.oauth().clientId().filter(stored.client().clientId()::equals).isPresent();
        return configured ? "configured" : "registered";
    }
}
