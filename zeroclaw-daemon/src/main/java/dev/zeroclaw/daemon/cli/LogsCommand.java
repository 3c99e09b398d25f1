package dev.zeroclaw.daemon.cli;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zeroclaw.daemon.report.JsonTree;
import dev.zeroclaw.daemon.report.LogText;
import jakarta.inject.Inject;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "logs",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Show a server's last stderr lines, with their time and process id.",
            "The daemon keeps, per server, the last 500 lines and 256 KiB of its last 3 instances.",
            "-f then follows new lines across restarts, with a line when an instance starts.",
            "--json: one object per line, typed stderr, instance_started or dropped."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:shown", "1:unknown server", "2:usage error",
            "3:no daemon answers (following: the daemon went away)", "4:daemon busy, try again"})
public final class LogsCommand implements Callable<Integer> {

    private final ObjectMapper json;

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SERVER", description = "the server, as named in the config")
    private String server;

    @Option(names = {"-n", "--lines"}, paramLabel = "N", defaultValue = "50",
            description = "how many of the last lines to show first (default: ${DEFAULT-VALUE}; at most 500)")
    private int lines;

    @Mixin
    private FollowOptions options;

    @Inject
    public LogsCommand(ObjectMapper json) {
        this.json = requireNonNull(json, "json is null");
    }

    @Override
    public Integer call() {
        if (lines < 0) {
            throw new ParameterException(spec.commandLine(), "-n must be 0 or more, not " + lines);
        }
        return StreamRequest.run(options.runtimeDir,
                json.createObjectNode().put("command", "logs").put("server", server).put("lines", lines).put("follow", options.follow),
                "entries", options.asJson ? JsonTree::toJson : LogText::line, spec.commandLine().getOut(),
                spec.commandLine().getErr());
    }
}
