package dev.zeroclaw.config;

import dev.zeroclaw.api.OAuthGrant;
import dev.zeroclaw.api.OAuthSettings;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.tomlj.TomlArray;

/**
 * Reads a remote server's {@code oauth_client_id}, {@code oauth_client_secret}, {@code oauth_grant} and
 * {@code oauth_scopes}. Each problem is an error at its value; the secret is never quoted in one.
 */
final class OAuthReader {

    static final String CLIENT_ID = "oauth_client_id";
    static final String CLIENT_SECRET = "oauth_client_secret";
    static final String GRANT = "oauth_grant";
    static final String SCOPES = "oauth_scopes";
    static final List<String> KEYS = List.of(CLIENT_ID, CLIENT_SECRET, GRANT, SCOPES);

    private static final List<String> GRANTS = Stream.of(OAuthGrant.values()).map(OAuthGrant::configValue).toList();

    private OAuthReader() {}

    /** The settings, or empty when the entry has none of the keys or one of them is wrong (reported). */
    static Optional<OAuthSettings> read(TableReader entry) {
        if (KEYS.stream().noneMatch(entry::has)) {
            return Optional.empty();
        }
        boolean valid = true;
        Optional<String> clientId = entry.string(CLIENT_ID);
        if (clientId.isPresent() && clientId.get().isBlank()) {
            entry.report(entry.valuePosition(CLIENT_ID), "'" + CLIENT_ID + "' is empty: name the client registered with"
                    + " the authorization server, or remove the key to register dynamically");
            valid = false;
        }
        Optional<String> secret = entry.string(CLIENT_SECRET);
        if (secret.isPresent() && secret.get().isEmpty()) {
            entry.report(entry.valuePosition(CLIENT_SECRET), "'" + CLIENT_SECRET + "' is empty: give the client's secret"
                    + " (a reference such as ${env:NAME} keeps it out of the file), or remove the key");
            valid = false;
        } else if (secret.isPresent() && !entry.has(CLIENT_ID)) {
            entry.report(entry.valuePosition(CLIENT_SECRET), "'" + CLIENT_SECRET + "' needs '" + CLIENT_ID
                    + "': a secret belongs to a client");
            valid = false;
        }
        OAuthGrant grant = OAuthGrant.AUTHORIZATION_CODE;
        Optional<String> grantValue = entry.string(GRANT);
        if (grantValue.isPresent()) {
            Optional<OAuthGrant> known = OAuthGrant.fromConfigValue(grantValue.get());
            if (known.isEmpty()) {
                entry.report(entry.valuePosition(GRANT), KeySuggester.unknown("OAuth grant", grantValue.get(), GRANTS, "valid grants"));
                valid = false;
            } else {
                grant = known.get();
            }
        }
        if (grant == OAuthGrant.CLIENT_CREDENTIALS && (!entry.has(CLIENT_ID) || !entry.has(CLIENT_SECRET))) {
            entry.report(entry.valuePosition(GRANT), "oauth_grant = \"client_credentials\" needs '" + CLIENT_ID
                    + "' and '" + CLIENT_SECRET + "': without a person to log in, the client authenticates itself");
            valid = false;
        }
        Optional<List<String>> scopes = scopes(entry);
        if (entry.has(SCOPES) && scopes.isEmpty()) {
            valid = false;
        }
        if (!valid || (entry.has(CLIENT_ID) && clientId.isEmpty()) || (entry.has(CLIENT_SECRET) && secret.isEmpty())
                || (entry.has(GRANT) && grantValue.isEmpty())) {
            return Optional.empty();
        }
        return Optional.of(new OAuthSettings(clientId, secret, grant, scopes.orElse(List.of())));
    }

    /** RFC 6749 section 3.3: a scope token is printable ASCII without space, {@code "} or {@code \}. */
    private static Optional<List<String>> scopes(TableReader entry) {
        Optional<List<String>> scopes = entry.strings(SCOPES);
        if (scopes.isEmpty()) {
            return scopes;
        }
        TomlArray array = (TomlArray) entry.table().get(List.of(SCOPES));
        boolean valid = true;
        for (int i = 0; i < scopes.get().size(); i++) {
            String scope = scopes.get().get(i);
            if (!isScopeToken(scope)) {
                valid = false;
                entry.report(ValuePosition.of(array, i, entry.valuePosition(SCOPES)), "'" + SCOPES + "[" + i + "]' is not a"
                        + " scope: one scope per string, printable ASCII without spaces, quotes or backslashes");
            }
        }
        return valid ? scopes : Optional.empty();
    }

    /** RFC 6749 section 3.3's scope-token: {@code %x21 / %x23-5B / %x5D-7E}, at least one. */
    static boolean isScopeToken(String scope) {
        return !scope.isEmpty() && scope.chars().allMatch(c -> c == 0x21 || (c >= 0x23 && c <= 0x5B) || (c >= 0x5D && c <= 0x7E));
    }
}
