package dev.zeroclaw.daemon.cli;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zeroclaw.daemon.report.EventText;
import dev.zeroclaw.daemon.report.JsonTree;
import jakarta.inject.Inject;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(
        name = "events",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Show the daemon's recent events: state changes, reloads, list changes, sessions.",
            "It keeps the last 1000: server state changes, reload reports, list changes, gateway sessions",
            "opening and closing.",
            "-f then follows new ones; --json: one object per line, each with time and type."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:shown", "2:usage error", "3:no daemon answers (following: the daemon went away)",
            "4:daemon busy, try again"})
public final class EventsCommand implements Callable<Integer> {

    private final ObjectMapper json;

    @Spec
    private CommandSpec spec;

    @Mixin
    private FollowOptions options;

    @Inject
    public EventsCommand(ObjectMapper json) {
        this.json = requireNonNull(json, "json is null");
    }

    @Override
    public Integer call() {
        return StreamRequest.run(options.runtimeDir, json.createObjectNode().put("command", "events").put("follow", options.follow),
                "events", options.asJson ? JsonTree::toJson : EventText::line, spec.commandLine().getOut(),
                spec.commandLine().getErr());
    }
}
