package dev.zeroclaw.config;

import dev.zeroclaw.api.OAuthGrant;
import dev.zeroclaw.api.OAuthSettings;
import dev.zeroclaw.api.PrivateKeyPem;
import dev.zeroclaw.config.secret.SecretValue;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.tomlj.TomlArray;

/**
 * Reads a remote server's {@code oauth_client_id}, {@code oauth_client_secret}, {@code oauth_grant},
 * {@code oauth_scopes}, {@code oauth_client_key}, {@code oauth_client_key_id} and {@code oauth_client_metadata_url}
 * (also a key of {@code [mcp]}, which the entries inherit). Each problem is an error at its value; the secret and
 * the key are never quoted in one.
 */
final class OAuthReader {

    static final String CLIENT_ID = "oauth_client_id";
    static final String CLIENT_SECRET = "oauth_client_secret";
    static final String GRANT = "oauth_grant";
    static final String SCOPES = "oauth_scopes";
    static final String CLIENT_METADATA_URL = "oauth_client_metadata_url";
    static final String CLIENT_KEY = "oauth_client_key";
    static final String CLIENT_KEY_ID = "oauth_client_key_id";
    static final List<String> KEYS = List.of(CLIENT_ID, CLIENT_SECRET, GRANT, SCOPES, CLIENT_METADATA_URL, CLIENT_KEY, CLIENT_KEY_ID);

    private static final List<String> GRANTS = Stream.of(OAuthGrant.values()).map(OAuthGrant::configValue).toList();

    private OAuthReader() {}

    /**
     * The settings, or empty when the entry has none of the keys (and inherits no metadata URL) or one of them is
     * wrong (reported).
     *
     * @param inheritedMetadataUrl {@code [mcp] oauth_client_metadata_url}, for an entry without its own
     */
    static Optional<OAuthSettings> read(TableReader entry, Optional<String> inheritedMetadataUrl) {
        if (KEYS.stream().noneMatch(entry::has)) {
            return inheritedMetadataUrl.map(url -> OAuthSettings.NONE.withClientMetadataUrl(Optional.of(url)));
        }
        boolean valid = true;
        Optional<String> metadataUrl = clientMetadataUrl(entry);
        if (entry.has(CLIENT_METADATA_URL) && metadataUrl.isEmpty()) {
            valid = false;
        }
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
        Optional<String> key = entry.string(CLIENT_KEY);
        if (key.isPresent()) {
            valid &= clientKey(entry, key.get());
        }
        Optional<String> keyId = entry.string(CLIENT_KEY_ID);
        if (keyId.isPresent() && (keyId.get().isBlank() || !entry.has(CLIENT_KEY))) {
            entry.report(entry.valuePosition(CLIENT_KEY_ID), "'" + CLIENT_KEY_ID + "' "
                    + (keyId.get().isBlank() ? "is empty: name the key's kid, or remove the key" : "needs '" + CLIENT_KEY
                    + "': it names that key"));
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
        if (grant == OAuthGrant.CLIENT_CREDENTIALS && (!entry.has(CLIENT_ID) || !(entry.has(CLIENT_SECRET) || entry.has(CLIENT_KEY)))) {
            entry.report(entry.valuePosition(GRANT), "oauth_grant = \"client_credentials\" needs '" + CLIENT_ID
                    + "' and '" + CLIENT_SECRET + "' (or '" + CLIENT_KEY + "'): without a person to log in, the client"
                    + " authenticates itself");
            valid = false;
        }
        Optional<List<String>> scopes = scopes(entry);
        if (entry.has(SCOPES) && scopes.isEmpty()) {
            valid = false;
        }
        if (!valid || (entry.has(CLIENT_ID) && clientId.isEmpty()) || (entry.has(CLIENT_SECRET) && secret.isEmpty())
                || (entry.has(GRANT) && grantValue.isEmpty()) || (entry.has(CLIENT_KEY) && key.isEmpty())
                || (entry.has(CLIENT_KEY_ID) && keyId.isEmpty())) {
            return Optional.empty();
        }
        return Optional.of(new OAuthSettings(clientId, secret, grant, scopes.orElse(List.of()),
                metadataUrl.or(() -> inheritedMetadataUrl), key, keyId));
    }

    /**
     * {@code oauth_client_key}: a client's PEM private key ({@code private_key_jwt}, RFC 7523), instead of a secret.
     * A literal is read now; a reference ({@code ${file:...}}) when it is resolved ({@link #clientKeyProblem}).
     */
    private static boolean clientKey(TableReader entry, String key) {
        String problem = null;
        if (key.isEmpty()) {
            problem = "is empty: give the client's PEM private key (a reference such as ${file:PATH} keeps it out of"
                    + " the file), or remove the key";
        } else if (entry.has(CLIENT_SECRET)) {
            problem = "and '" + CLIENT_SECRET + "' are both set: a client authenticates with a secret or with a key, not both";
        } else if (!entry.has(CLIENT_ID)) {
            problem = "needs '" + CLIENT_ID + "': a key belongs to a client";
        } else if (!SecretValue.isReference(key)) {
            problem = clientKeyProblem(key).orElse(null);
        }
        if (problem != null) {
            entry.report(entry.valuePosition(CLIENT_KEY), "'" + CLIENT_KEY + "' " + problem);
        }
        return problem == null;
    }

    /** What is wrong with a (resolved) client key, said without quoting it; empty when it is a key zeroclaw can use. */
    static Optional<String> clientKeyProblem(String pem) {
        try {
            PrivateKeyPem.parse(pem);
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
    }

    /**
     * {@code oauth_client_metadata_url}: the client id zeroclaw uses at an authorization server that supports Client
     * ID Metadata Documents. The document must be served over https from a URL with a path (the draft's rule).
     */
    static Optional<String> clientMetadataUrl(TableReader table) {
        Optional<String> value = table.string(CLIENT_METADATA_URL);
        if (value.isEmpty()) {
            return value;
        }
        URI url;
        try {
            url = new URI(value.get());
        } catch (URISyntaxException e) {
            url = null;
        }
        if (url == null || !"https".equalsIgnoreCase(url.getScheme()) || url.getHost() == null || url.getRawPath() == null
                || url.getRawPath().isEmpty() || url.getRawPath().equals("/") || url.getRawFragment() != null) {
            table.report(table.valuePosition(CLIENT_METADATA_URL), "'" + CLIENT_METADATA_URL + "' must be an https URL with a"
                    + " path, where zeroclaw's Client ID Metadata Document is served (see docs/oauth.md), not '" + value.get() + "'");
            return Optional.empty();
        }
        return value;
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
