package dev.zeroclaw.daemon.cli;

import jakarta.inject.Inject;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(
        name = "zeroclaw",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Supervises MCP servers and applies a changed configuration without restarting them all.",
        subcommands = {DaemonCommand.class, ReloadCommand.class, StatusCommand.class, ConfigCommand.class, DiffCommand.class,
            TransportsCommand.class, ConnectCommand.class, InitCommand.class, ImportCommand.class, DemoServerCommand.class,
            ToolsCommand.class, LogsCommand.class, EventsCommand.class, AuthCommand.class},
        footer = {
            "",
            "The config file is $ZEROCLAW_CONFIG_DIR/config.toml, else ~/.zeroclaw/config.toml.",
            "Run 'zeroclaw COMMAND --help' for a command's options."
        })
public final class ZeroclawCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Inject
    public ZeroclawCommand() {}

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.USAGE;
    }
}
