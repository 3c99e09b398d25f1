package dev.zeroclaw.daemon.cli;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zeroclaw.daemon.control.ControlClient;
import dev.zeroclaw.daemon.control.DaemonBusyException;
import dev.zeroclaw.daemon.control.DaemonUnreachableException;
import dev.zeroclaw.daemon.report.ReloadText;
import dev.zeroclaw.signal.RuntimeDirectory;
import jakarta.inject.Inject;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
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

    private final ObjectMapper json;

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
    public ReloadCommand(ObjectMapper json) {
        this.json = requireNonNull(json, "json is null");
    }

    @Override
    public Integer call() throws JsonProcessingException {
        Path socket = RuntimeDirectory.forThisProcess(Optional.ofNullable(runtimeDir)).path().resolve(ControlClient.SOCKET_NAME);
        PrintWriter err = spec.commandLine().getErr();
        JsonNode report;
        try {
            report = new ControlClient(json).send(socket,
                    json.createObjectNode().put("command", "reload").put("dry_run", dryRun), ControlClient.BUSY_PATIENCE);
        } catch (DaemonUnreachableException e) {
            err.println("zeroclaw: " + e.getMessage());
            return ExitCodes.DAEMON_UNREACHABLE;
        } catch (DaemonBusyException e) {
            err.println("zeroclaw: " + e.getMessage() + "; nothing was reloaded, try again");
            return ExitCodes.DAEMON_BUSY;
        }
        if (report.has("error")) {
            err.println("zeroclaw: " + report.path("error").asText());
            return ExitCodes.RELOAD_INVALID;
        }
        if (asJson) {
            spec.commandLine().getOut().println(json.writeValueAsString(report));
        } else if (report.path("ok").asBoolean()) {
            spec.commandLine().getOut().print(ReloadText.render(report, dryRun));
        } else {
            err.print(ReloadText.render(report, dryRun));
        }
        if (!report.path("ok").asBoolean()) {
            return ExitCodes.RELOAD_INVALID;
        }
        return report.path("failed").isEmpty() ? ExitCodes.RELOAD_APPLIED : ExitCodes.RELOAD_SOME_SERVERS_FAILED;
    }
}
