package dev.zeroclaw.transport.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * URLs as the WHATWG URL Standard reads them (upstream ZeroClaw's parser, the {@code url} crate);
 * the expected serialisations are those of the standard's own test data (web-platform-tests
 * {@code url/resources/urltestdata.json}) for the same inputs.
 */
class RemoteUrlTest {

    @Test
    void aHostWithAnUnderscoreIsAHostThoughUriHasNone() throws Exception {
        RemoteUrl url = RemoteUrl.parse("http://mcp_server.local:8080/mcp");

        assertThat(url).isEqualTo(new RemoteUrl("http", "mcp_server.local", 8080, "/mcp", null));
        assertThat(java.net.URI.create("http://mcp_server.local:8080/mcp").getHost()).as("why the JDK needs help").isNull();
        assertThat(url.hostFitsUri()).isFalse();
        assertThat(url.authority()).isEqualTo("mcp_server.local:8080");
        assertThat(url.wire("127.0.0.1")).hasToString("http://127.0.0.1:8080/mcp");
    }

    @Test
    void bracesInAPathArePercentEncodedAndAPipeInAQueryIsKeptThenEncodedForUri() throws Exception {
        RemoteUrl url = RemoteUrl.parse("https://h.example/{tenant}/mcp?x=a|b&y=^`{}\\");

        assertThat(url.path()).isEqualTo("/%7Btenant%7D/mcp");
        assertThat(url.query()).as("the standard keeps them in a query").isEqualTo("x=a|b&y=^`{}\\");
        assertThat(url.hostFitsUri()).isTrue();
        assertThat(url.wire(url.host()))
                .hasToString("https://h.example/%7Btenant%7D/mcp?x=a%7Cb&y=%5E%60%7B%7D%5C");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "\"  https://h/mcp  \"         | https://h/mcp",
        "HTTP://EXAMPLE.COM/Path       | http://example.com/Path",
        "http://example.com:80/        | http://example.com/",
        "https://example.com:443/x     | https://example.com/x",
        "https://example.com:80/x      | https://example.com:80/x",
        "http://example.com:08080      | http://example.com:8080/",
        "http://example.com:/x         | http://example.com/x",
        "http://user:pw@host/x?q=1#f   | http://host/x",
        "http://@host/x                | http://host/x",
        "http:example.com/x            | http://example.com/x",
        "http:\\\\a\\b\\c              | http://a/b/c",
        "http:///h//x                  | http://h//x",
        "http://ex%41mple.com/         | http://example.com/",
        "http://Bücher.example/        | http://xn--bcher-kva.example/",
        "http://127.1/                 | http://127.0.0.1/",
        "http://0x7f.1/                | http://127.0.0.1/",
        "http://0177.0.0.1/            | http://127.0.0.1/",
        "http://4294967295/            | http://255.255.255.255/",
        "http://1.2.3.4./              | http://1.2.3.4/",
        "http://[0:0:0:0:0:0:0:1]:3000 | http://[::1]:3000/",
        "http://[::FFFF:127.0.0.1]/    | http://[::ffff:7f00:1]/",
        "http://[1:0:0:2:0:0:0:3]/     | http://[1:0:0:2::3]/",
        "http://a/b/../c/./d           | http://a/c/d",
        "http://a/b/..                 | http://a/",
        "http://a/b/%2e%2E/c           | http://a/c",
        "http://a/b/.%2e               | http://a/",
        "http://a/ b                   | http://a/%20b",
        "http://a/ü                    | http://a/%C3%BC",
        "http://a/x<>`y                | http://a/x%3C%3E%60y",
        "http://a/100%                 | http://a/100%",
        "http://a                      | http://a/",
    })
    void parsesAsTheStandardDoes(String input, String label) throws Exception {
        assertThat(RemoteUrl.parse(input).label()).isEqualTo(label);
    }

    @Test
    void tabsAndLineBreaksAnywhereAreRemoved() throws Exception {
        assertThat(RemoteUrl.parse("http://a/\tb\nc\r?x=\t1").label()).isEqualTo("http://a/bc");
        assertThat(RemoteUrl.parse("http://a/\tb\nc\r?x=\t1").query()).isEqualTo("x=1");
    }

    @Test
    void aQueryIsEncodedWithTheSpecialQuerySetAndAFragmentIsDropped() throws Exception {
        RemoteUrl url = RemoteUrl.parse("http://a/p?q=\"it's\" ü#frag");

        assertThat(url.query()).isEqualTo("q=%22it%27s%22%20%C3%BC");
        assertThat(RemoteUrl.parse("http://a?x").query()).isEqualTo("x");
        assertThat(RemoteUrl.parse("http://a/#x").query()).isNull();
        assertThat(RemoteUrl.parse("http://a/100%?p=%zz").wire("a")).as("a % that starts no escape")
                .hasToString("http://a/100%25?p=%25zz");
        assertThat(RemoteUrl.parse("http://a/%41?b=%42").wire("a")).as("escapes stay as they are")
                .hasToString("http://a/%41?b=%42");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://h/x", "file:///x", "ws://h", "mailto:someone@example.com", "javascript:alert(1)"})
    void anotherSchemeIsAUrlButNotARemoteServersOne(String input) {
        assertThatThrownBy(() -> RemoteUrl.parse(input)).isInstanceOfSatisfying(RemoteUrl.Malformed.class,
                e -> assertThat(e.otherScheme()).isTrue());
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiterString = "=>", quoteCharacter = '"', value = {
        "not a url                   => it has no scheme (http:// or https://)",
        "//h/x                       => it has no scheme (http:// or https://)",
        "http://                     => it has no host",
        "http://user@/x              => it has no host",
        "http://:80/                 => it has no host",
        "https://exa mple.com        => its host 'exa mple.com' holds a character a host name cannot have (U+0020)",
        "http://a|b/                 => its host 'a|b' holds a character a host name cannot have ('|')",
        "http://a%2Fb/               => its host 'a%2Fb' holds a character a host name cannot have ('/')",
        "http://h:65536/             => its port 65536 is greater than 65535",
        "http://h:8a/                => its port '8a' is not a number",
        "http://1.2.3.256/           => its host '1.2.3.256' is not a valid IPv4 address",
        "http://4294967296/          => its host '4294967296' is not a valid IPv4 address",
        "http://1.2.3.4.5/           => its host '1.2.3.4.5' is not a valid IPv4 address",
        "http://foo.09/              => its host 'foo.09' is not a valid IPv4 address",
        "http://[::1/                => its IPv6 address has no closing ']'",
        "http://[::1%25eth0]/        => its host '[::1%25eth0]' is not a valid IPv6 address",
        "http://[1:2:3]/             => its host '[1:2:3]' is not a valid IPv6 address",
        "http://[example.com]/       => its host '[example.com]' is not a valid IPv6 address",
    })
    void refusesWhatTheStandardRefusesSayingWhy(String input, String reason) {
        assertThatThrownBy(() -> RemoteUrl.parse(input)).isInstanceOfSatisfying(RemoteUrl.Malformed.class, e -> {
            assertThat(e.getMessage()).isEqualTo(reason);
            assertThat(e.otherScheme()).isFalse();
        });
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "/messages?sessionId=abc | http://mcp_server.local:8080/messages?sessionId=abc",
        "m?s=1                   | http://mcp_server.local:8080/a/b/m?s=1",
        "../m                    | http://mcp_server.local:8080/a/m",
        "?s=1                    | http://mcp_server.local:8080/a/b/sse?s=1",
        "http:m                  | http://mcp_server.local:8080/a/b/m",
        "//other:9/x             | http://other:9/x",
        "http://h2/x             | http://h2/x",
        "https://mcp_server.local:8080/x | https://mcp_server.local:8080/x",
    })
    void resolvesAnEndpointAgainstTheStreamUrl(String reference, String expected) throws Exception {
        RemoteUrl base = RemoteUrl.parse("http://mcp_server.local:8080/a/b/sse");

        RemoteUrl resolved = base.resolve(reference);

        assertThat(resolved.label() + (resolved.query() == null ? "" : "?" + resolved.query())).isEqualTo(expected);
    }

    @Test
    void theOriginIsSchemeHostAndPort() throws Exception {
        RemoteUrl base = RemoteUrl.parse("http://mcp_server.local:8080/sse");

        assertThat(base.resolve("/message?x=1").sameOrigin(base)).isTrue();
        assertThat(base.resolve("http://MCP_SERVER.local:8080/m").sameOrigin(base)).isTrue();
        assertThat(base.resolve("https://mcp_server.local:8080/m").sameOrigin(base)).isFalse();
        assertThat(base.resolve("http://mcp_server.local:8081/m").sameOrigin(base)).isFalse();
        assertThat(base.resolve("//evil.example:8080/m").sameOrigin(base)).isFalse();
        assertThatThrownBy(() -> base.resolve("ftp://h/x")).isInstanceOf(RemoteUrl.Malformed.class);
    }

    @Test
    void theLabelAndToStringLeaveOutUserInfoQueryAndFragment() throws Exception {
        RemoteUrl url = RemoteUrl.parse("https://user:pw@mcp.example.com:8443/mcp?token=x#y");

        assertThat(url.label()).isEqualTo("https://mcp.example.com:8443/mcp");
        assertThat(url).hasToString("https://mcp.example.com:8443/mcp");
    }
}
