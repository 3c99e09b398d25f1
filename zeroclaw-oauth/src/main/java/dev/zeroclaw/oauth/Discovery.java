package dev.zeroclaw.oauth;

import static java.util.Objects.requireNonNull;

import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.as.AuthorizationServerMetadata;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * From a {@code 401} to an {@link AuthorizationTarget}: the Protected Resource Metadata (the challenge's
 * {@code resource_metadata}, else the well-known locations), then the first authorization server's metadata
 * (RFC 8414, else OpenID discovery). A server without resource metadata is treated the way the 2025-03-26 spec
 * did: its origin is the authorization server.
 */
public final class Discovery {

    private Discovery() {
    }

    /**
     * @param serverUrl the MCP server's URL (the transport's {@code url})
     * @param challenge the Bearer challenge of the 401, if there was one
     * @param configuredScopes {@code oauth_scopes} from the config, space-separated, or empty
     */
    public static AuthorizationTarget discover(URI serverUrl, Optional<BearerChallenge> challenge,
            Optional<String> configuredScopes) throws OAuthException {
        requireNonNull(serverUrl, "serverUrl is null");
        requireNonNull(challenge, "challenge is null");
        requireNonNull(configuredScopes, "configuredScopes is null");
        Optional<ProtectedResourceMetadata> prm = protectedResource(serverUrl, challenge.flatMap(BearerChallenge::resourceMetadata));
        URI issuer;
        if (prm.isPresent() && !prm.get().authorizationServers().isEmpty()) {
            issuer = prm.get().authorizationServers().get(0);
        } else {
            issuer = URI.create(serverUrl.getScheme() + "://" + serverUrl.getRawAuthority());
        }
        Endpoints.requireSecure(issuer, "authorization server");
        AuthorizationServerMetadata metadata = authorizationServer(issuer);
        URI resource = prm.map(ProtectedResourceMetadata::resource).orElse(Resources.canonical(serverUrl));
        // The scope: what the server asked for in the challenge, else what the operator configured, else all
        // the resource supports (the MCP spec's scope selection strategy).
        Optional<String> scope = challenge.flatMap(BearerChallenge::scope)
                .or(() -> configuredScopes.filter(s -> !s.isBlank()))
                .or(() -> prm.map(ProtectedResourceMetadata::scopesSupported).filter(s -> !s.isEmpty()).map(s -> String.join(" ", s)));
        return new AuthorizationTarget(resource, issuer, metadata, scope);
    }

    private static Optional<ProtectedResourceMetadata> protectedResource(URI serverUrl, Optional<URI> hinted) throws OAuthException {
        List<URI> candidates = hinted.map(List::of).orElseGet(() -> WellKnown.protectedResource(serverUrl));
        for (URI url : candidates) {
            Endpoints.requireSecure(url, "protected resource metadata");
            HTTPResponse response = Endpoints.get(url, "protected resource metadata");
            if (response.getStatusCode() == 200) {
                ProtectedResourceMetadata metadata = ProtectedResourceMetadata.parse(response.getBody(), url);
                metadata.requireDescribes(serverUrl);
                return Optional.of(metadata);
            }
            if (hinted.isPresent() || response.getStatusCode() >= 500) {
                throw new OAuthException("protected resource metadata at " + url + " answered HTTP " + response.getStatusCode());
            }
        }
        return Optional.empty();
    }

    static AuthorizationServerMetadata authorizationServer(URI issuer) throws OAuthException {
        List<String> tried = new ArrayList<>();
        for (URI url : WellKnown.authorizationServer(issuer)) {
            HTTPResponse response = Endpoints.get(url, "authorization server metadata");
            if (response.getStatusCode() >= 500) {
                throw new OAuthException("authorization server metadata at " + url + " answered HTTP " + response.getStatusCode());
            }
            if (response.getStatusCode() != 200) {
                tried.add(url + " (HTTP " + response.getStatusCode() + ")");
                continue;
            }
            AuthorizationServerMetadata metadata;
            try {
                // OpenID provider metadata is a superset: the OAuth fields are what a client uses.
                metadata = AuthorizationServerMetadata.parse(response.getBody());
            } catch (ParseException e) {
                throw new OAuthException("authorization server metadata at " + url + " is not valid: " + e.getMessage());
            }
            // RFC 8414 section 3.3: the issuer must be the one the metadata was looked up for, else a server could
            // impersonate another.
            if (!sameIssuer(metadata.getIssuer().getValue(), issuer.toString())) {
                throw new OAuthException("authorization server metadata at " + url + " names issuer "
                        + metadata.getIssuer().getValue() + ", expected " + issuer);
            }
            return metadata;
        }
        throw new OAuthException("no authorization server metadata for " + issuer + "; tried " + String.join(", ", tried));
    }

    private static boolean sameIssuer(String a, String b) {
        return trim(a).equals(trim(b));
    }

    private static String trim(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }
}
