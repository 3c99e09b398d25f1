package dev.zeroclaw.daemon.run;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.Optional;

/**
 * What {@code zeroclaw daemon} was started with.
 *
 * @param config the config file
 * @param runtimeDirectory the runtime directory the operator named, if any
 */
public record DaemonOptions(Path config, Optional<Path> runtimeDirectory) {

    public DaemonOptions {
        requireNonNull(config, "config is null");
        requireNonNull(runtimeDirectory, "runtimeDirectory is null");
    }
}
