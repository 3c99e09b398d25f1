package dev.zeroclaw.config;

import static dev.zeroclaw.config.ConfigFixture.parse;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Different TOML spellings of the same entry give equal records, so a reload sees no change. */
class EquivalentSpellingsTest {

    @Test
    void inlineTableAndSubTableGiveEqualConfigs() {
        String inline = """
                [mcp]
                enabled = true

                [[mcp.servers]]
                name = "fs"
                command = "npx"
                env = { "API_KEY" = "x", LOG_LEVEL = "info" }
                headers = {}

                [[mcp.servers]]
                name = "remote"
                transport = "http"
                url = "https://mcp.example.com/mcp"
                headers = { Authorization = "Bearer t" }
                """;
        String subTables = """
                [[mcp.servers]]
                command = "npx"
                name = "fs"

                [mcp.servers.env]
                LOG_LEVEL = "info"
                API_KEY = "x"

                [[mcp.servers]]
                url = "https://mcp.example.com/mcp"
                transport = "http"
                name = "remote"

                [mcp.servers.headers]
                "Authorization" = "Bearer t"

                [mcp]
                enabled = true
                """;

        assertThat(parse(subTables)).isEqualTo(parse(inline));
    }

    @Test
    void dottedKeysQuotedKeysAndInlineArrayOfTablesGiveEqualConfigs() {
        String dotted = """
                mcp.enabled = true
                mcp.gateway.listen = "127.0.0.1:9000"
                mcp.servers = [
                  { name = "fs", command = "npx", env.API_KEY = "x" },
                ]
                """;
        String quoted = """
                ["mcp"]
                "enabled" = true
                [mcp."gateway"]
                'listen' = '127.0.0.1:9000'
                [["mcp".servers]]
                "name" = "fs"
                'command' = "npx"
                "env" = { 'API_KEY' = "x" }
                """;

        assertThat(parse(quoted)).isEqualTo(parse(dotted));
    }
}
