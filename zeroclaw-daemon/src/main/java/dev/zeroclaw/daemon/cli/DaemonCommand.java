package dev.zeroclaw.daemon.cli;

import static java.util.Objects.requireNonNull;

import dev.zeroclaw.daemon.config.ConfigLocation;
import dev.zeroclaw.daemon.run.Daemon;
import dev.zeroclaw.daemon.run.DaemonFactory;
import dev.zeroclaw.daemon.run.DaemonOptions;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "daemon",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Run the daemon in the foreground: start every enabled server and keep it running.",
            "It answers 'zeroclaw status' on the control socket; SIGTERM or SIGINT stops every server and exits 0."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:stopped on SIGTERM/SIGINT", "1:could not start (invalid config, another daemon running)",
            "2:usage error"})
public final class DaemonCommand implements Callable<Integer> {

    private final DaemonFactory daemons;

    @Spec
    private CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE",
            description = "config file (default: $ZEROCLAW_CONFIG_DIR/config.toml, else ~/.zeroclaw/config.toml)")
    private Path config;

    @Option(names = "--runtime-dir", paramLabel = "DIR",
            description = "pid file and control socket (default: $XDG_RUNTIME_DIR/zeroclaw, else ~/.zeroclaw/run)")
    private Path runtimeDir;

    @Option(names = "--plugin-dir", paramLabel = "DIR",
            description = "transport plugins, one sub-folder each (default: [mcp] plugin_dir, else ~/.zeroclaw/plugins)")
    private Path pluginDir;

    @Option(names = "--state-dir", paramLabel = "DIR",
            description = "pinned tool definitions, kept across restarts (default: [mcp] state_dir, else"
                    + " $XDG_STATE_HOME/zeroclaw, else ~/.zeroclaw/state)")
    private Path stateDir;

    @Inject
    public DaemonCommand(DaemonFactory daemons) {
        this.daemons = requireNonNull(daemons, "daemons is null");
    }

    @Override
    public Integer call() throws InterruptedException {
        DaemonOptions options = new DaemonOptions(ConfigLocation.resolve(config), Optional.ofNullable(runtimeDir),
                Optional.ofNullable(pluginDir), Optional.ofNullable(stateDir));
        Daemon daemon = daemons.create(options);
        return daemon.run(spec.commandLine().getErr());
    }
}
