package dev.zeroclaw.daemon.cli;

import jakarta.inject.Inject;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(
        name = "tools",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Review the running daemon's pinned tool definitions (pin_tools).",
        subcommands = {ToolsApproveCommand.class, ToolsDiffCommand.class})
public final class ToolsCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Inject
    public ToolsCommand() {}

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.USAGE;
    }
}
