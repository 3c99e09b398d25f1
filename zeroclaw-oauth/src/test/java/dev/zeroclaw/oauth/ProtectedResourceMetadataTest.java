package dev.zeroclaw.oauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;

class ProtectedResourceMetadataTest {

    private static final URI FROM = URI.create("https://mcp.example.com/.well-known/oauth-protected-resource/mcp");

    @Test
    void readsResourceServersAndScopes() throws OAuthException {
        ProtectedResourceMetadata metadata = ProtectedResourceMetadata.parse("{\"resource\":\"https://mcp.example.com/mcp\","
                + "\"authorization_servers\":[\"https://auth.example.com\"],\"scopes_supported\":[\"a\",\"b\"],\"extra\":1}", FROM);

        assertThat(metadata.resource()).isEqualTo(URI.create("https://mcp.example.com/mcp"));
        assertThat(metadata.authorizationServers()).containsExactly(URI.create("https://auth.example.com"));
        assertThat(metadata.scopesSupported()).containsExactly("a", "b");
    }

    @Test
    void optionalListsMayBeAbsent() throws OAuthException {
        ProtectedResourceMetadata metadata = ProtectedResourceMetadata.parse("{\"resource\":\"https://mcp.example.com\"}", FROM);

        assertThat(metadata.authorizationServers()).isEmpty();
        assertThat(metadata.scopesSupported()).isEmpty();
    }

    @Test
    void badDocumentsSayWhereTheyCameFrom() {
        assertThatThrownBy(() -> ProtectedResourceMetadata.parse("{}", FROM))
                .hasMessage("protected resource metadata at " + FROM + " has no 'resource'");
        assertThatThrownBy(() -> ProtectedResourceMetadata.parse("not json", FROM))
                .hasMessageStartingWith("protected resource metadata at " + FROM + " is not valid");
        assertThatThrownBy(() -> ProtectedResourceMetadata.parse("{\"resource\":\"/mcp\"}", FROM))
                .hasMessageContaining("'resource' is not an absolute URL: /mcp");
    }

    @Test
    void metadataForAnotherResourceIsRefused() throws OAuthException {
        ProtectedResourceMetadata metadata = ProtectedResourceMetadata.parse("{\"resource\":\"https://evil.example.com/mcp\"}", FROM);

        assertThatThrownBy(() -> metadata.requireDescribes(URI.create("https://mcp.example.com/mcp")))
                .hasMessageContaining("not the server's URL https://mcp.example.com/mcp");
    }
}
