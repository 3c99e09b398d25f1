package dev.zeroclaw.daemon.cli;

import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "reload",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Ask the running daemon to reload its config file, and wait for the report.",
            "Only what changed is touched: removed servers stop, added ones start, changed ones restart",
            "(the new instance first), live settings apply without a restart. An invalid file touches nothing."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:applied (or nothing to do)", "1:config invalid, nothing touched",
            "2:applied, some servers failed", "3:daemon not reachable", "4:daemon busy (every control connection in use), nothing done; try again"})
public final class ReloadCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--dry-run", description = "print the plan against the running state; apply nothing")
    private boolean dryRun;

    @Option(names = "--json", description = "print the report as one JSON document")
    private boolean asJson;

    @Option(names = "--runtime-dir", paramLabel = "DIR",
            description = "the daemon's runtime directory (default: $XDG_RUNTIME_DIR/zeroclaw, else ~/.zeroclaw/run)")
    private Path runtimeDir;

    @Inject
    public ReloadCommand() {}

    /** The same code as {@link Main}'s path before picocli: one output, whichever path ran. */
    @Override
    public Integer call() {
        return ClientCommands.reload(runtimeDir, dryRun, asJson, spec.commandLine().getOut(), spec.commandLine().getErr());
    }
}
