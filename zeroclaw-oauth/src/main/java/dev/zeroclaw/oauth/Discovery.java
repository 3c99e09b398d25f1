package dev.zeroclaw.oauth;

import static java.util.Objects.requireNonNull;

import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.as.AuthorizationServerMetadata;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Objects;
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
        AuthorizationServerMetadata metadata;
        if (prm.isPresent() && !prm.get().authorizationServers().isEmpty()) {
            URI listed = Endpoints.requireSecure(prm.get().authorizationServers().get(0), "authorization server");
            issuer = listed;
            metadata = authorizationServer(listed);
        } else {
            // 2025-03-26: the server's origin is the authorization server; without metadata, its default endpoints.
            URI origin = Endpoints.requireSecure(URI.create(serverUrl.getScheme() + "://" + serverUrl.getRawAuthority()),
                    "authorization server");
            metadata = authorizationServer(origin, true).orElseGet(() -> defaultEndpoints(origin));
            issuer = URI.create(metadata.getIssuer().getValue());
        }
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

    /** The metadata of the issuer (a stored login's, at logout), or an error naming every location tried. */
    static AuthorizationServerMetadata authorizationServer(URI issuer) throws OAuthException {
        return authorizationServer(issuer, false).orElseThrow(() -> new OAuthException("no authorization server metadata for "
                + issuer + "; tried " + String.join(", ", WellKnown.authorizationServer(issuer).stream().map(URI::toString).toList())));
    }

    /**
     * The metadata of the issuer, or empty when none of its well-known locations has any. {@code legacy}: found at
     * the MCP server's origin without resource metadata (2025-03-26), where the issuer may be any URL of that origin.
     */
    private static Optional<AuthorizationServerMetadata> authorizationServer(URI issuer, boolean legacy) throws OAuthException {
        for (URI url : WellKnown.authorizationServer(issuer)) {
            HTTPResponse response = Endpoints.get(url, "authorization server metadata");
            if (response.getStatusCode() >= 500) {
                throw new OAuthException("authorization server metadata at " + url + " answered HTTP " + response.getStatusCode());
            }
            if (response.getStatusCode() != 200) {
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
            // impersonate another. The 2025-03-26 layout looks it up at the origin, so the origin must match.
            String named = metadata.getIssuer().getValue();
            if (!sameIssuer(named, issuer.toString()) && !(legacy && sameOrigin(named, issuer))) {
                throw new OAuthException("authorization server metadata at " + url + " names issuer " + named + ", expected " + issuer);
            }
            return Optional.of(metadata);
        }
        return Optional.empty();
    }

    /**
     * The 2025-03-26 fallback for a server with no metadata at all: {@code /authorize}, {@code /token} and
     * {@code /register} at its origin. That revision made PKCE mandatory, so S256 is taken as supported.
     */
    private static AuthorizationServerMetadata defaultEndpoints(URI origin) {
        AuthorizationServerMetadata metadata = new AuthorizationServerMetadata(new Issuer(origin));
        metadata.setAuthorizationEndpointURI(origin.resolve("/authorize"));
        metadata.setTokenEndpointURI(origin.resolve("/token"));
        metadata.setRegistrationEndpointURI(origin.resolve("/register"));
        metadata.setCodeChallengeMethods(List.of(CodeChallengeMethod.S256));
        return metadata;
    }

    private static boolean sameOrigin(String issuer, URI origin) {
        try {
            URI named = new URI(issuer);
            return named.isAbsolute() && Resources.canonical(named).getScheme().equals(Resources.canonical(origin).getScheme())
                    && Objects.equals(Resources.canonical(named).getRawAuthority(), Resources.canonical(origin).getRawAuthority());
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static boolean sameIssuer(String a, String b) {
        return trim(a).equals(trim(b));
    }

    private static String trim(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }
}
