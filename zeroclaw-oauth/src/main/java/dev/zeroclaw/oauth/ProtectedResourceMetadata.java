package dev.zeroclaw.oauth;

import static java.util.Objects.requireNonNull;

import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.util.JSONObjectUtils;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import net.minidev.json.JSONObject;

/**
 * The parts of an RFC 9728 Protected Resource Metadata document that a client uses: the resource identifier (sent
 * as the RFC 8707 {@code resource} parameter), its authorization servers, and the scopes it supports.
 */
public record ProtectedResourceMetadata(URI resource, List<URI> authorizationServers, List<String> scopesSupported) {

    public ProtectedResourceMetadata {
        requireNonNull(resource, "resource is null");
        authorizationServers = List.copyOf(authorizationServers);
        scopesSupported = List.copyOf(scopesSupported);
    }

    /** Parses the document fetched from {@code from}; the message of a failure names that URL. */
    public static ProtectedResourceMetadata parse(String json, URI from) throws OAuthException {
        try {
            JSONObject object = JSONObjectUtils.parse(json);
            String resource = JSONObjectUtils.getString(object, "resource", null);
            if (resource == null) {
                throw new OAuthException("protected resource metadata at " + from + " has no 'resource'");
            }
            List<URI> servers = new ArrayList<>();
            for (String server : JSONObjectUtils.getStringList(object, "authorization_servers", List.of())) {
                servers.add(absolute(server, from, "authorization_servers"));
            }
            return new ProtectedResourceMetadata(absolute(resource, from, "resource"), servers,
                    JSONObjectUtils.getStringList(object, "scopes_supported", List.of()));
        } catch (ParseException e) {
            throw new OAuthException("protected resource metadata at " + from + " is not valid: " + e.getMessage());
        }
    }

    /**
     * RFC 9728 section 3.3 and the MCP spec: the metadata must describe the server the client talks to, so a
     * document naming another resource (a different origin, or a path that is not a prefix) is refused.
     */
    public void requireDescribes(URI serverUrl) throws OAuthException {
        if (!Resources.covers(resource, serverUrl)) {
            throw new OAuthException("protected resource metadata names resource " + resource
                    + ", which is not the server's URL " + Resources.canonical(serverUrl));
        }
    }

    private static URI absolute(String value, URI from, String key) throws OAuthException {
        try {
            URI uri = new URI(value);
            if (!uri.isAbsolute()) {
                throw new OAuthException("protected resource metadata at " + from + ": '" + key + "' is not an absolute URL: " + value);
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new OAuthException("protected resource metadata at " + from + ": '" + key + "' is not a URL: " + value);
        }
    }
}
