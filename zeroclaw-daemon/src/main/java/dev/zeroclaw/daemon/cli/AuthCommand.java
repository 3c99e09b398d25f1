package dev.zeroclaw.daemon.cli;

import jakarta.inject.Inject;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(
        name = "auth",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Log in to remote servers' OAuth (transport = \"http\" or \"sse\"), see what is held, log out.",
            "",
            "Tokens live in the daemon's state directory (oauth/, files mode 0600), never in config.toml. The running"
                    + " daemon is told and uses a new login at once, without a reload."
        },
        subcommands = {AuthLoginCommand.class, AuthStatusCommand.class, AuthLogoutCommand.class})
public final class AuthCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Inject
    public AuthCommand() {}

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.USAGE;
    }
}
