package dev.zeroclaw.daemon.run;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * What {@code zeroclaw daemon} was started with.
 *
 * @param config the config file
 * @param runtimeDirectory the runtime directory the operator named, if any
 * @param pluginDirectory the plugins folder the operator named ({@code --plugin-dir}), which wins
 *     over the config's {@code plugin_dir}
 * @param stateDirectory the state directory the operator named ({@code --state-dir}), which wins over
 *     the config's {@code state_dir}
 * @param host the parts that reach outside the JVM to run: all of them for {@code zeroclaw daemon}
 */
public record DaemonOptions(Path config, Optional<Path> runtimeDirectory, Optional<Path> pluginDirectory,
        Optional<Path> stateDirectory, Set<HostService> host) {

    public DaemonOptions {
        requireNonNull(config, "config is null");
        requireNonNull(runtimeDirectory, "runtimeDirectory is null");
        requireNonNull(pluginDirectory, "pluginDirectory is null");
        requireNonNull(stateDirectory, "stateDirectory is null");
        host = Set.copyOf(requireNonNull(host, "host is null"));
    }

    /** The default state directory. */
    public DaemonOptions(Path config, Optional<Path> runtimeDirectory, Optional<Path> pluginDirectory,
            Set<HostService> host) {
        this(config, runtimeDirectory, pluginDirectory, Optional.empty(), host);
    }

    /** {@code zeroclaw daemon}: every host service. */
    public DaemonOptions(Path config, Optional<Path> runtimeDirectory, Optional<Path> pluginDirectory,
            Optional<Path> stateDirectory) {
        this(config, runtimeDirectory, pluginDirectory, stateDirectory, EnumSet.allOf(HostService.class));
    }

    /** {@code zeroclaw daemon} with the default state directory. */
    public DaemonOptions(Path config, Optional<Path> runtimeDirectory, Optional<Path> pluginDirectory) {
        this(config, runtimeDirectory, pluginDirectory, Optional.empty());
    }

    public boolean runs(HostService service) {
        return host.contains(service);
    }
}
