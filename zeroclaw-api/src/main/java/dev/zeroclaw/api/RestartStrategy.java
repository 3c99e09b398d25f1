package dev.zeroclaw.api;

import java.util.Locale;
import java.util.Optional;

/** How a reload replaces a server whose launch settings changed. Config key {@code restart_strategy}. */
public enum RestartStrategy {
    /** Start the new instance, switch traffic once it is READY, then drain and stop the old one. The default. */
    START_FIRST("start-first"),
    /** Stop the old instance first; for servers that cannot run twice (an exclusive lock, a fixed port). */
    STOP_FIRST("stop-first");

    private final String configValue;

    RestartStrategy(String configValue) {
        this.configValue = configValue;
    }

    /** The spelling used in {@code config.toml}. */
    public String configValue() {
        return configValue;
    }

    /** Parses the config spelling ({@code start-first}, {@code stop-first}). */
    public static Optional<RestartStrategy> fromConfigValue(String value) {
        String wanted = value.toLowerCase(Locale.ROOT);
        for (RestartStrategy strategy : values()) {
            if (strategy.configValue.equals(wanted)) {
                return Optional.of(strategy);
            }
        }
        return Optional.empty();
    }
}
