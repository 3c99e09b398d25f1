package dev.zeroclaw.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

class ResourcesTest {

    @Test
    void theCanonicalFormDropsCaseDefaultPortQueryAndFragment() {
        assertThat(Resources.canonical(URI.create("HTTPS://MCP.Example.com:443/mcp?x=1#f")))
                .isEqualTo(URI.create("https://mcp.example.com/mcp"));
        assertThat(Resources.canonical(URI.create("http://127.0.0.1:8080")))
                .isEqualTo(URI.create("http://127.0.0.1:8080"));
    }

    @Test
    void aResourceCoversItsOwnUrlAndPathsBelowIt() {
        URI server = URI.create("https://mcp.example.com/tenant/mcp");

        assertThat(Resources.covers(URI.create("https://mcp.example.com/tenant/mcp"), server)).isTrue();
        assertThat(Resources.covers(URI.create("https://mcp.example.com/tenant"), server)).isTrue();
        assertThat(Resources.covers(URI.create("https://mcp.example.com"), server)).isTrue();
        assertThat(Resources.covers(URI.create("https://mcp.example.com/ten"), server)).isFalse();
        assertThat(Resources.covers(URI.create("https://mcp.example.com:8443/tenant/mcp"), server)).isFalse();
        assertThat(Resources.covers(URI.create("http://mcp.example.com/tenant/mcp"), server)).isFalse();
    }

    @Test
    void aHostWithAnUnderscoreIsReadFromTheAuthority() {
        // java.net.URI gives no host for mcp_server.local; the remote transports accept it.
        URI url = URI.create("http://MCP_server.local:8080/sse");

        assertThat(Resources.canonical(url)).isEqualTo(URI.create("http://mcp_server.local:8080/sse"));
        assertThat(Resources.covers(URI.create("http://mcp_server.local:8080/"), url)).isTrue();
        assertThat(Resources.covers(URI.create("http://mcp_server.local:8081/sse"), url)).isFalse();
    }
}
