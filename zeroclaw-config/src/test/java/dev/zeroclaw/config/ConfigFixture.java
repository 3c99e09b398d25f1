package dev.zeroclaw.config;

import static org.assertj.core.api.Assertions.fail;

import dev.zeroclaw.api.ConfigError;
import dev.zeroclaw.api.McpConfig;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Parses TOML text the way the daemon does, under the file label {@value #FILE}. */
final class ConfigFixture {

    static final String FILE = "config.toml";

    private ConfigFixture() {}

    static McpConfig parse(String toml) {
        try {
            return new ConfigParser().parse(FILE, toml.getBytes(StandardCharsets.UTF_8));
        } catch (ConfigException e) {
            return fail("expected a valid config, got:\n" + e.getMessage());
        }
    }

    /** The errors of a broken config, each as {@code config.toml:line:column: message}. */
    static List<String> errors(String toml) {
        return errors(new ConfigParser(), toml);
    }

    static List<String> errors(ConfigParser parser, String toml) {
        return rejection(parser, toml).errors().stream().map(ConfigError::toString).toList();
    }

    /** The warnings of a valid config, each as {@code config.toml:line:column: message}. */
    static List<String> warnings(String toml) {
        try {
            ParsedConfig parsed = new ConfigParser().read(FILE, toml.getBytes(StandardCharsets.UTF_8));
            if (!parsed.errors().isEmpty()) {
                return fail("expected a valid config, got:\n" + parsed.errors());
            }
            return parsed.warnings().stream().map(ConfigError::toString).toList();
        } catch (ConfigException e) {
            return fail("expected a valid config, got:\n" + e.getMessage());
        }
    }

    static ConfigException rejection(ConfigParser parser, String toml) {
        try {
            McpConfig config = parser.parse(FILE, toml.getBytes(StandardCharsets.UTF_8));
            return fail("expected the config to be rejected, got " + config);
        } catch (ConfigException e) {
            return e;
        }
    }
}
