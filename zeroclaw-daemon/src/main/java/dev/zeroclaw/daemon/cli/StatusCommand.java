package dev.zeroclaw.daemon.cli;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zeroclaw.daemon.control.ControlClient;
import dev.zeroclaw.daemon.control.DaemonBusyException;
import dev.zeroclaw.daemon.control.DaemonUnreachableException;
import dev.zeroclaw.daemon.report.StatusTable;
import dev.zeroclaw.signal.RuntimeDirectory;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.Optional;
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

    private final ObjectMapper json;

    @Spec
    private CommandSpec spec;

    @Option(names = "--json", description = "print the daemon's status document (one JSON document)")
    private boolean asJson;

    @Option(names = "--runtime-dir", paramLabel = "DIR",
            description = "the daemon's runtime directory (default: $XDG_RUNTIME_DIR/zeroclaw, else ~/.zeroclaw/run)")
    private Path runtimeDir;

    @Inject
    public StatusCommand(ObjectMapper json) {
        this.json = requireNonNull(json, "json is null");
    }

    @Override
    public Integer call() throws JsonProcessingException {
        Path socket = RuntimeDirectory.forThisProcess(Optional.ofNullable(runtimeDir)).path().resolve(ControlClient.SOCKET_NAME);
        JsonNode reply;
        try {
            reply = new ControlClient(json).send(socket, json.createObjectNode().put("command", "status"), ControlClient.BUSY_PATIENCE);
        } catch (DaemonUnreachableException e) {
            spec.commandLine().getErr().println("zeroclaw: " + e.getMessage());
            return ExitCodes.DAEMON_UNREACHABLE;
        } catch (DaemonBusyException e) {
            spec.commandLine().getErr().println("zeroclaw: " + e.getMessage() + "; try again");
            return ExitCodes.DAEMON_BUSY;
        }
        if (!reply.path("ok").asBoolean(false)) {
            spec.commandLine().getErr().println("zeroclaw: the daemon refused: " + reply.path("error").asText());
            return ExitCodes.STATUS_REFUSED;
        }
        if (asJson) {
            spec.commandLine().getOut().println(json.writeValueAsString(reply));
        } else {
            spec.commandLine().getOut().print(StatusTable.render(reply));
        }
        return ExitCodes.OK;
    }
}
