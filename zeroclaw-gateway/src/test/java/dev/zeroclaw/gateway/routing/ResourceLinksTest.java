package dev.zeroclaw.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zeroclaw.api.ServerPrefixes;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A server's results reach the client with the gateway's resource URIs, and the server's own result is left as it was. */
class ResourceLinksTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ServerPrefixes PREFIXES = ServerPrefixes.of(List.of("docs"));

    @Test
    void linkedAndEmbeddedResourcesOfACallResultGetGatewayUris() throws IOException {
        JsonNode result = JSON.readTree("""
                {"content":[{"type":"text","text":"see"},
                 {"type":"resource_link","uri":"file:///a.md"},
                 {"type":"resource","resource":{"uri":"file:///b.md","text":"b"}}]}""");

        JsonNode client = ResourceLinks.inCallResult(PREFIXES, "docs", result);

        assertThat(client.path("content").get(1).path("uri").asText()).isEqualTo("zeroclaw://docs/file:///a.md");
        assertThat(client.path("content").get(2).path("resource").path("uri").asText()).isEqualTo("zeroclaw://docs/file:///b.md");
        assertThat(result.path("content").get(1).path("uri").asText()).isEqualTo("file:///a.md");
    }

    @Test
    void aCallResultWithoutResourcesIsPassedAsItIs() throws IOException {
        JsonNode result = JSON.readTree("{\"content\":[{\"type\":\"text\",\"text\":\"plain\"}]}");

        assertThat(ResourceLinks.inCallResult(PREFIXES, "docs", result)).isSameAs(result);
    }

    @Test
    void theContentsOfAReadGetGatewayUris() throws IOException {
        JsonNode result = JSON.readTree("{\"contents\":[{\"uri\":\"mem://x\",\"text\":\"x\"}]}");

        assertThat(ResourceLinks.inReadResult(PREFIXES, "docs", result).path("contents").get(0).path("uri").asText())
                .isEqualTo("zeroclaw://docs/mem://x");
    }
}
