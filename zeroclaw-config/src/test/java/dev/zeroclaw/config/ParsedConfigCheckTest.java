package dev.zeroclaw.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zeroclaw.api.ConfigError;
import dev.zeroclaw.api.ServerSpec;
import dev.zeroclaw.api.transport.ServerEntry;
import dev.zeroclaw.api.transport.Transport;
import dev.zeroclaw.api.transport.TransportContext;
import dev.zeroclaw.api.transport.TransportProvider;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A provider's problems, placed with the positions recorded at parse: no second parse. */
class ParsedConfigCheckTest {

    /** Points at whatever keys it is told to, so every kind of place is exercised. */
    private record Pointing(String name, List<String> keys) implements TransportProvider {
        @Override
        public List<ConfigError> validate(ServerEntry entry) {
            List<ConfigError> errors = new ArrayList<>();
            keys.forEach(key -> errors.add(entry.errorAt(key, "problem at " + key)));
            return errors;
        }

        @Override
        public Transport open(ServerSpec spec, TransportContext context) {
            throw new UnsupportedOperationException();
        }
    }

    private static final String TOML = """
            [[mcp.servers]]
            name = "ws"
            transport = "probe"
            url = "wss://mcp.example.com/ws"
            headers = { "X.Dotted" = "secret-value", Origin = "secret-value" }
            [mcp.servers.options]
            subprotocol = "mcp"
            """;

    @Test
    void entryKeysNestedKeysAndOptionsArePlacedWhereTheirValuesStart() throws ConfigException {
        Pointing probe = new Pointing("probe", List.of(
                "url", "headers.Origin", "headers.X.Dotted", "options.subprotocol", "options.absent", "command"));

        assertThat(read(TOML).check(Map.of("probe", probe))).extracting(ConfigError::toString).containsExactly(
                "config.toml:1:1: problem at command",
                "config.toml:4:7: problem at url",
                "config.toml:5:26: problem at headers.X.Dotted",
                "config.toml:5:51: problem at headers.Origin",
                "config.toml:6:1: problem at options.absent",
                "config.toml:7:15: problem at options.subprotocol");
    }

    @Test
    void aTransportNoneInstalledProvidesIsAnErrorAtItsValueWithTheClosestInstalledName() throws ConfigException {
        assertThat(read(TOML).check(Map.of("prob", new Pointing("prob", List.of())))).extracting(ConfigError::toString)
                .containsExactly("config.toml:3:13: unknown transport 'probe' — did you mean 'prob'?");
    }

    @Test
    void aProblemAGenericRuleFoundAtThatVeryPlaceIsNotToldTwice() throws ConfigException {
        ParsedConfig parsed = read("""
                [[mcp.servers]]
                name = "ws"
                transport = "probe"
                url = 5
                """);

        assertThat(parsed.check(Map.of("probe", new Pointing("probe", List.of("url"))))).extracting(ConfigError::toString)
                .containsExactly("config.toml:4:7: 'url' must be a string, not an integer");
    }

    @Test
    void anEntryOfTheParsedConfigIsPlacedAndAStrangerIsRefused() throws ConfigException {
        ParsedConfig parsed = read(TOML);
        ServerSpec ws = parsed.config().servers().get(0);

        assertThat(parsed.entry(ws).errorAt("url", "x")).hasToString("config.toml:4:7: x");
        assertThatThrownBy(() -> parsed.entry(ServerSpec.builder("other").build()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("server 'other'");
    }

    private static ParsedConfig read(String toml) throws ConfigException {
        return ConfigParser.acceptingAnyTransport().read(ConfigFixture.FILE, toml.getBytes(StandardCharsets.UTF_8));
    }
}
