package dev.zeroclaw.daemon.cli;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "status",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Show the running daemon's servers: state, pid, uptime, restarts, tools, last error.",
            "With SERVER: that server's line, its tools with their calls, errors and latency,",
            "its last 10 failed calls and its last 20 starts with their reasons."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the daemon answered", "1:the daemon refused the request (an unknown server)", "2:usage error",
            "3:no daemon answers", "4:daemon busy (every control connection in use); try again"})
public final class StatusCommand implements Callable<Integer> {

    private final ObjectMapper json;

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "SERVER", description = "one server, as named in the config")
    private String server;

    @Option(names = "--json", description = "print the daemon's status document (one JSON document)")
    private boolean asJson;

    @Option(names = "--runtime-dir", paramLabel = "DIR",
            description = "the daemon's runtime directory (default: $XDG_RUNTIME_DIR/zeroclaw, else ~/.zeroclaw/run)")
    private Path runtimeDir;

    @Inject
    public StatusCommand(ObjectMapper json) {
        this.json = requireNonNull(json, "json is null");
    }

    /** The same code as {@link Main}'s path before picocli: one output, whichever path ran. */
    @Override
    public Integer call() {
        if (server == null) {
            return ClientCommands.status(runtimeDir, asJson, spec.commandLine().getOut(), spec.commandLine().getErr());
        }
        String request = json.createObjectNode().put("command", "status").put("server", server).toString();
        return ClientCommands.status(runtimeDir, request, true, asJson, spec.commandLine().getOut(), spec.commandLine().getErr());
    }
}
