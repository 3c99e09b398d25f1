package dev.zeroclaw.daemon.cli;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.inject.Inject;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "approve",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Pin a server's tools as the running daemon lists them now: one tool, or every changed, added and",
            "removed one. With pin_tools = \"block\" the approved tools reach clients again (they are told their",
            "list changed)."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:approved", "1:refused (unknown server or tool, nothing to approve)", "3:daemon not reachable",
            "4:daemon busy, try again"})
public final class ToolsApproveCommand implements Callable<Integer> {

    private final ObjectMapper json;

    @Spec
    private CommandSpec spec;

    @Mixin
    private ToolsTarget target;

    @Parameters(index = "1", arity = "0..1", paramLabel = "TOOL", description = "the tool's own name (default: every one)")
    private String tool;

    @Inject
    public ToolsApproveCommand(ObjectMapper json) {
        this.json = requireNonNull(json, "json is null");
    }

    @Override
    public Integer call() {
        ObjectNode request = json.createObjectNode().put("command", "tools-approve").put("server", target.server);
        if (tool != null) {
            request.put("tool", tool);
        }
        PrintWriter out = spec.commandLine().getOut();
        PinRequest.Outcome outcome = PinRequest.send(target.runtimeDir, request, json, spec.commandLine().getErr());
        outcome.reply().ifPresent(reply -> {
            if (target.asJson) {
                out.println(reply);
            } else if (reply.path("approved").isEmpty()) {
                out.println("server " + target.server + ": nothing to approve, every tool matches its pin");
            } else {
                for (JsonNode approved : reply.path("approved")) {
                    out.println("approved " + target.server + "/" + approved.asText());
                }
            }
        });
        return outcome.exitCode();
    }
}
