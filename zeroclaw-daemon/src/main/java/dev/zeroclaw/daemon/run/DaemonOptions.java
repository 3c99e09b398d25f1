package dev.zeroclaw.daemon.run;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.Optional;

/**
 * What {@code zeroclaw daemon} was started with.
 *
 * @param config the config file
 * @param runtimeDirectory the runtime directory the operator named, if any
 * @param pluginDirectory the plugins folder the operator named ({@code --plugin-dir}), which wins
 *     over the config's {@code plugin_dir}
 */
public record DaemonOptions(Path config, Optional<Path> runtimeDirectory, Optional<Path> pluginDirectory) {

    public DaemonOptions {
        requireNonNull(config, "config is null");
        requireNonNull(runtimeDirectory, "runtimeDirectory is null");
        requireNonNull(pluginDirectory, "pluginDirectory is null");
    }
}
