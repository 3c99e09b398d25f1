package dev.zeroclaw.plugins;

import static java.util.Objects.requireNonNull;

import dev.zeroclaw.api.DaemonSettings;
import java.nio.file.Path;
import java.util.Optional;

/** Where the plugins folder is: {@code --plugin-dir}, else {@code [mcp] plugin_dir}, else {@code ~/.zeroclaw/plugins}. */
public final class PluginLocation {

    private PluginLocation() {}

    /** {@code ~/.zeroclaw/plugins} of a user whose home is {@code userHome}. */
    public static Path defaultFolder(String userHome) {
        return Path.of(userHome, ".zeroclaw", "plugins");
    }

    /** The folder named on the command line, else the one the config names, else the default of this process's user. */
    public static Path resolve(Optional<Path> fromCommandLine, DaemonSettings settings) {
        requireNonNull(fromCommandLine, "fromCommandLine is null");
        requireNonNull(settings, "settings is null");
        return fromCommandLine
                .or(() -> settings.pluginDir().map(Path::of))
                .orElseGet(() -> defaultFolder(System.getProperty("user.home")));
    }
}
