package dev.zeroclaw.daemon.config;

import java.nio.file.Path;
import java.util.Map;

/** Where the config file is when the command line does not say. */
public final class ConfigLocation {

    /** Names the directory holding {@code config.toml}, as upstream ZeroClaw does. */
    public static final String CONFIG_DIR_VARIABLE = "ZEROCLAW_CONFIG_DIR";

    private ConfigLocation() {}

    /** {@code $ZEROCLAW_CONFIG_DIR/config.toml}, else {@code ~/.zeroclaw/config.toml}. */
    public static Path defaultFile(Map<String, String> environment, String userHome) {
        String dir = environment.get(CONFIG_DIR_VARIABLE);
        if (dir != null && !dir.isBlank()) {
            return Path.of(dir, "config.toml");
        }
        return Path.of(userHome, ".zeroclaw", "config.toml");
    }

    /** The file named on the command line, else the default of this process's environment. */
    public static Path resolve(Path fromCommandLine) {
        if (fromCommandLine != null) {
            return fromCommandLine;
        }
        return defaultFile(System.getenv(), System.getProperty("user.home"));
    }
}
