package dev.zeroclaw.daemon.cli;

import jakarta.inject.Inject;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(
        name = "config",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Work with configuration files without touching a running daemon.",
        subcommands = {ConfigCheckCommand.class})
public final class ConfigCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Inject
    public ConfigCommand() {}

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.USAGE;
    }
}
