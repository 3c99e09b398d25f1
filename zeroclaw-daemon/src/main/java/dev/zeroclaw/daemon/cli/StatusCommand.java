package dev.zeroclaw.daemon.cli;

import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "status",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Show the running daemon's servers: state, pid, uptime, restarts, tools, last error.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the daemon answered", "1:the daemon refused the request", "2:usage error",
            "3:no daemon answers", "4:daemon busy (every control connection in use); try again"})
public final class StatusCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--json", description = "print the daemon's status document (one JSON document)")
    private boolean asJson;

    @Option(names = "--runtime-dir", paramLabel = "DIR",
            description = "the daemon's runtime directory (default: $XDG_RUNTIME_DIR/zeroclaw, else ~/.zeroclaw/run)")
    private Path runtimeDir;

    @Inject
    public StatusCommand() {}

    /** The same code as {@link Main}'s path before picocli: one output, whichever path ran. */
    @Override
    public Integer call() {
        return ClientCommands.status(runtimeDir, asJson, spec.commandLine().getOut(), spec.commandLine().getErr());
    }
}
