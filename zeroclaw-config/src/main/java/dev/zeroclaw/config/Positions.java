package dev.zeroclaw.config;

import dev.zeroclaw.api.ConfigPosition;
import org.tomlj.TomlPosition;

/** tomlj's positions as the SPI hands them to providers. */
final class Positions {

    private Positions() {}

    static ConfigPosition of(TomlPosition position) {
        return new ConfigPosition(position.line(), position.column());
    }
}
