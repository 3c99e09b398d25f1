package dev.zeroclaw.api;

import java.util.Locale;
import java.util.Optional;

/**
 * What the gateway does when a server's tool definitions differ from the ones pinned when it was first
 * READY (the "rug pull" of CVE-2025-54136). Config key {@code pin_tools}, per server and in {@code [mcp]}.
 */
public enum PinMode {
    /** No pins are kept or checked. The default: pinning writes to the state directory. */
    OFF("off"),
    /** A changed, added or removed tool is logged and shown in {@code status}; clients still see it. */
    WARN("warn"),
    /** As {@link #WARN}, and a changed or added tool is withheld from clients until an operator approves it. */
    BLOCK("block");

    private final String configValue;

    PinMode(String configValue) {
        this.configValue = configValue;
    }

    /** The spelling used in {@code config.toml}. */
    public String configValue() {
        return configValue;
    }

    /** Parses the config spelling ({@code off}, {@code warn}, {@code block}). */
    public static Optional<PinMode> fromConfigValue(String value) {
        String wanted = value.toLowerCase(Locale.ROOT);
        for (PinMode mode : values()) {
            if (mode.configValue.equals(wanted)) {
                return Optional.of(mode);
            }
        }
        return Optional.empty();
    }
}
