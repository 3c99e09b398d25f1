package dev.zeroclaw.config;

import static dev.zeroclaw.config.ConfigFixture.errors;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zeroclaw.api.ConfigPosition;
import dev.zeroclaw.api.TransportOptions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A server's {@code options} table: what it may hold, and the place of each value. */
class TransportOptionsParsingTest {

    private static final ConfigParser WEBSOCKET = new ConfigParser(Set.of("stdio", "http", "sse", "websocket"));

    @Test
    void aSubTableOfOptionsIsHandedOverAsTypedValuesWithTheirPositions() throws ConfigException {
        TransportOptions options = only("""
                [[mcp.servers]]
                name = "ws"
                transport = "websocket"
                url = "wss://mcp.example.com/ws"
                [mcp.servers.options]
                subprotocol = "mcp"
                max_frame_bytes = 65536
                compress = true
                ping = "15s"
                origins = ["https://a.example", "https://b.example"]
                ratio = 0.5
                """);

        assertThat(options.keys()).containsExactly("compress", "max_frame_bytes", "origins", "ping", "ratio", "subprotocol");
        assertThat(options.string("subprotocol")).contains("mcp");
        assertThat(options.integer("max_frame_bytes")).hasValue(65536);
        assertThat(options.bool("compress")).contains(true);
        assertThat(options.duration("ping")).contains(Duration.ofSeconds(15));
        assertThat(options.strings("origins")).contains(List.of("https://a.example", "https://b.example"));
        assertThat(options.value("ratio")).contains(0.5);
        assertThat(options.position("subprotocol")).contains(new ConfigPosition(6, 15));
        assertThat(options.position("max_frame_bytes")).contains(new ConfigPosition(7, 19));
        assertThat(options.string("absent")).isEmpty();
    }

    @Test
    void anInlineTableGivesTheSameOptionsAtOtherPlaces() throws ConfigException {
        TransportOptions inline = only("""
                [[mcp.servers]]
                name = "ws"
                transport = "websocket"
                options = { subprotocol = "mcp", max_frame_bytes = 65536 }
                """);
        TransportOptions table = only("""
                [[mcp.servers]]
                name = "ws"
                transport = "websocket"
                [mcp.servers.options]
                max_frame_bytes = 65536
                subprotocol = "mcp"
                """);

        assertThat(inline).isEqualTo(table);
        assertThat(inline.position("subprotocol")).contains(new ConfigPosition(4, 27));
        assertThat(table.position("subprotocol")).contains(new ConfigPosition(6, 15));
    }

    @Test
    void aTypedGetterOfAnotherTypeSaysWhatTheUserMustWriteButNotTheValue() throws ConfigException {
        TransportOptions options = only("""
                [[mcp.servers]]
                name = "ws"
                transport = "websocket"
                options = { max_frame_bytes = "64k", ping = "15 seconds", origins = ["a", 1] }
                """);

        assertThatThrownBy(() -> options.integer("max_frame_bytes")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'options.max_frame_bytes' must be an integer, not a string");
        assertThatThrownBy(() -> options.duration("ping"))
                .hasMessage("'options.ping' must be a duration: digits and a unit (ms, s, m, h), such as \"10s\" or \"500ms\"");
        assertThatThrownBy(() -> options.strings("origins")).hasMessage("'options.origins' must be an array of strings");
    }

    @Test
    void optionsMustBeATableOfPlainValuesReportedAtTheirPositions() {
        assertThat(errors(WEBSOCKET, """
                [[mcp.servers]]
                name = "a"
                transport = "websocket"
                options = 5
                [[mcp.servers]]
                name = "b"
                transport = "websocket"
                [mcp.servers.options]
                tls = { verify = false }
                when = 1979-05-27
                hosts = ["a", ["b"]]
                """)).containsExactly(
                "config.toml:4:11: 'options' must be a table, not an integer",
                "config.toml:9:7: 'options.tls' must be a string, an integer, a float, a boolean or an array of them,"
                        + " not a table (options are handed to the transport as plain values)",
                "config.toml:10:8: 'options.when' must be a string, an integer, a float, a boolean or an array of them,"
                        + " not a local date (options are handed to the transport as plain values)",
                "config.toml:11:15: 'options.hosts[1]' must be a string, an integer, a float or a boolean, not an array");
    }

    @Test
    void anUnknownKeyBesideOptionsIsStillAnErrorWithASuggestion() {
        assertThat(errors(WEBSOCKET, """
                [[mcp.servers]]
                name = "ws"
                transport = "websocket"
                option = { subprotocol = "mcp" }
                """)).containsExactly("config.toml:4:1: unknown key 'option' — did you mean 'options'?");
    }

    @Test
    void anEntryWithoutOptionsHasNone() throws ConfigException {
        assertThat(only("""
                [[mcp.servers]]
                name = "fs"
                command = "npx"
                """)).isEqualTo(TransportOptions.empty());
    }

    private static TransportOptions only(String toml) throws ConfigException {
        Optional<TransportOptions> options = WEBSOCKET.parse(ConfigFixture.FILE, toml.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .servers().stream().map(server -> server.options()).findFirst();
        return options.orElseThrow();
    }
}
