package dev.zeroclaw.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zeroclaw.api.GatewayOAuth;
import dev.zeroclaw.api.McpBundle;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ProtectedResourceTest {

    private static final GatewayOAuth ISSUER = new GatewayOAuth(URI.create("https://idp.example.com/realms/x"), Optional.empty(),
            Optional.empty());
    private static final McpBundle FILES = bundle("files", "mcp:files");
    private static final McpBundle OPS = bundle("ops", "mcp:ops");

    private final List<String> checked = new ArrayList<>();

    private ProtectedResource resource(GatewayOAuth settings) {
        return new ProtectedResource(settings, (token, audience) -> {
            checked.add(audience);
            return token.equals("a.valid.jwt") ? Optional.of(Set.of("mcp:ops", "mcp:files")) : Optional.empty();
        }, () -> "http://127.0.0.1:8765/mcp");
    }

    @Test
    void theResourceIsTheGatewaysUrlUnlessAnAudienceIsConfigured() {
        assertThat(resource(ISSUER).resource()).isEqualTo("http://127.0.0.1:8765/mcp");
        assertThat(resource(new GatewayOAuth(ISSUER.issuer(), Optional.of(URI.create("https://gw.example.com/mcp")), Optional.empty()))
                .resource()).isEqualTo("https://gw.example.com/mcp");
    }

    @Test
    void onlyABearerJwtIsCheckedAndAgainstTheResourceAsAudience() {
        ProtectedResource resource = resource(ISSUER);

        assertThat(resource.scopes("Bearer a.valid.jwt")).contains(Set.of("mcp:ops", "mcp:files"));
        assertThat(resource.scopes("bearer  a.valid.jwt ")).isPresent();
        assertThat(resource.scopes("Bearer an.invalid.jwt")).isEmpty();
        assertThat(resource.scopes("Bearer static-token")).isEmpty();
        assertThat(resource.scopes("Basic a.valid.jwt")).isEmpty();
        assertThat(resource.scopes(null)).isEmpty();
        assertThat(checked).containsExactly("http://127.0.0.1:8765/mcp", "http://127.0.0.1:8765/mcp", "http://127.0.0.1:8765/mcp");
    }

    @Test
    void withAGatewayScopeOnlyATokenCarryingItOpensTheWholeGateway() {
        ProtectedResource scoped = resource(new GatewayOAuth(ISSUER.issuer(), Optional.empty(), Optional.empty(),
                Optional.of("zeroclaw:all")));

        assertThat(scoped.opensGateway(Set.of("openid", "zeroclaw:all"))).isTrue();
        assertThat(scoped.opensGateway(Set.of("openid"))).isFalse();
        assertThat(resource(ISSUER).opensGateway(Set.of())).as("no gateway scope: any valid token").isTrue();
        assertThat(scoped.insufficientScope()).isEqualTo("Bearer resource_metadata=\"http://127.0.0.1:8765/.well-known/"
                + "oauth-protected-resource\", error=\"insufficient_scope\", scope=\"zeroclaw:all\"");
        assertThat(scoped.metadata(new ObjectMapper(), List.of(OPS)).path("scopes_supported").toString())
                .isEqualTo("[\"zeroclaw:all\",\"mcp:ops\"]");
    }

    @Test
    void theFirstBundleInFileOrderWhoseScopeTheTokenHasIsItsView() {
        assertThat(ProtectedResource.bundleOf(Set.of("mcp:ops", "mcp:files"), List.of(FILES, OPS))).contains("files");
        assertThat(ProtectedResource.bundleOf(Set.of("mcp:ops"), List.of(FILES, OPS))).contains("ops");
        assertThat(ProtectedResource.bundleOf(Set.of("openid"), List.of(FILES, OPS))).isEmpty();
    }

    @Test
    void theMetadataNamesTheResourceTheIssuerAndTheBundlesScopes() {
        String document = resource(ISSUER).metadata(new ObjectMapper(), List.of(FILES, OPS, bundle("plain", null))).toString();

        assertThat(document).isEqualTo("{\"resource\":\"http://127.0.0.1:8765/mcp\",\"authorization_servers\":"
                + "[\"https://idp.example.com/realms/x\"],\"scopes_supported\":[\"mcp:files\",\"mcp:ops\"],"
                + "\"bearer_methods_supported\":[\"header\"],\"resource_name\":\"zeroclaw gateway\"}");
    }

    @Test
    void theChallengePointsAtTheMetadataOfTheResourcesOrigin() {
        assertThat(resource(ISSUER).challenge(false))
                .isEqualTo("Bearer resource_metadata=\"http://127.0.0.1:8765/.well-known/oauth-protected-resource\"");
        assertThat(resource(new GatewayOAuth(ISSUER.issuer(), Optional.of(URI.create("https://gw.example.com/team/mcp")), Optional.empty()))
                .challenge(true)).isEqualTo("Bearer resource_metadata=\"https://gw.example.com/.well-known/oauth-protected-resource\","
                        + " error=\"invalid_token\"");
    }

    @Test
    void theMetadataIsServedAtTheWellKnownPathAndBelowIt() {
        assertThat(ProtectedResource.isMetadataPath("/.well-known/oauth-protected-resource")).isTrue();
        assertThat(ProtectedResource.isMetadataPath("/.well-known/oauth-protected-resource/mcp")).isTrue();
        assertThat(ProtectedResource.isMetadataPath("/.well-known/oauth-protected-resource/mcp/files")).isTrue();
        assertThat(ProtectedResource.isMetadataPath("/.well-known/oauth-protected-resource/other")).isFalse();
    }

    private static McpBundle bundle(String alias, String scope) {
        return new McpBundle(alias, List.of("fs"), List.of(), List.of(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.ofNullable(scope));
    }
}
