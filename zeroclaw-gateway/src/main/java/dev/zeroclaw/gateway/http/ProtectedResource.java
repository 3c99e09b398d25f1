package dev.zeroclaw.gateway.http;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.zeroclaw.api.GatewayOAuth;
import dev.zeroclaw.api.McpBundle;
import java.net.URI;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The gateway as an OAuth resource server ({@code [mcp.gateway] oauth_issuer}): which JWT access tokens open it and
 * what they open, its Protected Resource Metadata (RFC 9728) and the challenge of a {@code 401}, which points MCP
 * clients at that metadata and so at the issuer.
 *
 * <p>A valid token opens the view of the first bundle (in file order) whose {@code oauth_scope} it carries, like
 * that bundle's own token; a valid token with no bundle's scope opens the whole gateway, like the gateway's token,
 * when it carries the gateway's own {@code oauth_scope} or when none is set.
 */
final class ProtectedResource {

    /** RFC 9728 section 3: the well-known path; also served with the MCP path after it. */
    static final String METADATA_PATH = "/.well-known/oauth-protected-resource";

    private final GatewayOAuth settings;
    private final AccessTokenCheck check;
    private final Supplier<String> gatewayUrl;

    /** @param gatewayUrl the gateway's own URL ({@code http://<listen>/mcp}), the resource without {@code oauth_audience} */
    ProtectedResource(GatewayOAuth settings, AccessTokenCheck check, Supplier<String> gatewayUrl) {
        this.settings = requireNonNull(settings, "settings is null");
        this.check = requireNonNull(check, "check is null");
        this.gatewayUrl = requireNonNull(gatewayUrl, "gatewayUrl is null");
    }

    /** The resource the gateway is, and the audience its tokens must name. */
    String resource() {
        return settings.audience().map(URI::toString).orElseGet(gatewayUrl);
    }

    URI issuer() {
        return settings.issuer();
    }

    Optional<String> scope() {
        return settings.scope();
    }

    static boolean isMetadataPath(String path) {
        return path.equals(METADATA_PATH) || path.equals(METADATA_PATH + "/mcp") || path.startsWith(METADATA_PATH + "/mcp/");
    }

    /** The scopes of the bearer token of {@code authorization} when it is a valid access token; empty otherwise. */
    Optional<Set<String>> scopes(String authorization) {
        if (authorization == null) {
            return Optional.empty();
        }
        String header = authorization.strip();
        int space = header.indexOf(' ');
        if (space < 0 || !header.substring(0, space).toLowerCase(Locale.ROOT).equals("bearer")) {
            return Optional.empty();
        }
        String token = header.substring(space + 1).strip();
        // Not a JWT (a mistyped static token, say): not worth asking the issuer's keys about.
        if (token.chars().filter(c -> c == '.').count() != 2) {
            return Optional.empty();
        }
        return check.scopes(token, resource());
    }

    /** Whether a valid token with these scopes (and no bundle's) opens the whole gateway. */
    boolean opensGateway(Set<String> scopes) {
        return settings.scope().map(scopes::contains).orElse(true);
    }

    /** The bundle whose view {@code scopes} open; empty for the whole gateway. */
    static Optional<String> bundleOf(Set<String> scopes, List<McpBundle> bundles) {
        return bundles.stream().filter(bundle -> bundle.oauthScope().filter(scopes::contains).isPresent())
                .map(McpBundle::alias).findFirst();
    }

    /** RFC 9728's document: the resource, its authorization server, and the bundles' scopes. */
    ObjectNode metadata(ObjectMapper json, Collection<McpBundle> bundles) {
        ObjectNode document = json.createObjectNode();
        document.put("resource", resource());
        document.putArray("authorization_servers").add(settings.issuer().toString());
        List<String> scopes = Stream.concat(settings.scope().stream(),
                bundles.stream().flatMap(bundle -> bundle.oauthScope().stream())).distinct().toList();
        if (!scopes.isEmpty()) {
            scopes.forEach(document.putArray("scopes_supported")::add);
        }
        document.putArray("bearer_methods_supported").add("header");
        document.put("resource_name", "zeroclaw gateway");
        return document;
    }

    /** The {@code WWW-Authenticate} value of a 401: where the metadata is; {@code invalid_token} when one was sent. */
    String challenge(boolean tokenSent) {
        URI resource = URI.create(resource());
        String origin = resource.getScheme() + "://" + resource.getRawAuthority();
        return "Bearer resource_metadata=\"" + origin + METADATA_PATH + "\"" + (tokenSent ? ", error=\"invalid_token\"" : "");
    }

    /** The {@code WWW-Authenticate} value of a 403: a valid token without the gateway's scope (RFC 6750 section 3.1). */
    String insufficientScope() {
        return challenge(false) + ", error=\"insufficient_scope\", scope=\"" + settings.scope().orElse("") + "\"";
    }

    @Override
    public String toString() {
        return "ProtectedResource[issuer=" + settings.issuer() + ", resource=" + resource() + "]";
    }
}
