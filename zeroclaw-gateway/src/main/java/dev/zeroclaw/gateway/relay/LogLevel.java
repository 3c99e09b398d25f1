package dev.zeroclaw.gateway.relay;

import java.util.List;

/** MCP's logging levels (RFC 5424 severities), least severe first. */
public final class LogLevel {

    public static final List<String> NAMES = List.of("debug", "info", "notice", "warning", "error", "critical", "alert", "emergency");

    private LogLevel() {}

    /** The level's rank, or -1 for a name MCP does not define. */
    public static int rank(String name) {
        return NAMES.indexOf(name);
    }

    /** Whether a message at {@code level} passes a client that asked for {@code minimum} (null: everything). */
    public static boolean passes(String level, String minimum) {
        return minimum == null || rank(level) >= rank(minimum);
    }
}
