package dev.zeroclaw.api;

import java.util.Locale;
import java.util.Optional;

/** When the daemon restarts a server whose process or connection ended. Config key {@code restart}. */
public enum RestartPolicy {
    /** Restart only after an unexpected end (a crash, a lost connection, missed pings). The default. */
    ON_FAILURE("on-failure"),
    /** Restart after any end the daemon did not ask for, a clean exit included. */
    ALWAYS("always"),
    /** Never restart; the server stays down until its config changes or an operator asks. */
    NEVER("never");

    private final String configValue;

    RestartPolicy(String configValue) {
        this.configValue = configValue;
    }

    /** The spelling used in {@code config.toml}. */
    public String configValue() {
        return configValue;
    }

    /** Parses the config spelling ({@code on-failure}, {@code always}, {@code never}). */
    public static Optional<RestartPolicy> fromConfigValue(String value) {
        String wanted = value.toLowerCase(Locale.ROOT);
        for (RestartPolicy policy : values()) {
            if (policy.configValue.equals(wanted)) {
                return Optional.of(policy);
            }
        }
        return Optional.empty();
    }
}
