package dev.zeroclaw.daemon.cli;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zeroclaw.daemon.report.PinDiffText;
import jakarta.inject.Inject;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(
        name = "diff",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Show how a server's tools, as the running daemon lists them, differ from their pins: per tool, a",
            "unified diff of the pinned definition (name, description, inputSchema, outputSchema) and the listed one."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:shown", "1:refused (unknown server, not READY, pin_tools off)", "3:daemon not reachable",
            "4:daemon busy, try again"})
public final class ToolsDiffCommand implements Callable<Integer> {

    private final ObjectMapper json;

    @Spec
    private CommandSpec spec;

    @Mixin
    private ToolsTarget target;

    @Inject
    public ToolsDiffCommand(ObjectMapper json) {
        this.json = requireNonNull(json, "json is null");
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PinRequest.Outcome outcome = PinRequest.send(target.runtimeDir,
                json.createObjectNode().put("command", "tools-diff").put("server", target.server), json, spec.commandLine().getErr());
        outcome.reply().ifPresent(reply -> out.print(target.asJson ? reply + "\n" : PinDiffText.render(reply, json)));
        return outcome.exitCode();
    }
}
