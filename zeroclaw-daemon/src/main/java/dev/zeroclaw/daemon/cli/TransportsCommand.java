package dev.zeroclaw.daemon.cli;

import static java.util.Objects.requireNonNull;

import dev.zeroclaw.daemon.transport.TransportCatalog;
import jakarta.inject.Inject;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(
        name = "transports",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "List the installed transport providers and where each came from.")
public final class TransportsCommand implements Callable<Integer> {

    private final TransportCatalog transports;

    @Spec
    private CommandSpec spec;

    @Inject
    public TransportsCommand(TransportCatalog transports) {
        this.transports = requireNonNull(transports, "transports is null");
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        int width = transports.installed().stream().mapToInt(p -> p.name().length()).max().orElse(4);
        out.printf("%-" + width + "s  %s%n", "NAME", "ORIGIN");
        transports.installed().forEach(provider -> out.printf("%-" + width + "s  %s%n", provider.name(), provider.origin()));
        transports.problems().forEach(problem -> spec.commandLine().getErr().println("zeroclaw: " + problem));
        return transports.problems().isEmpty() ? ExitCodes.OK : ExitCodes.INVALID_OR_CHANGED;
    }
}
