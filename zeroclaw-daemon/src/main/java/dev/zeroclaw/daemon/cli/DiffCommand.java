package dev.zeroclaw.daemon.cli;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zeroclaw.api.ConfigError;
import dev.zeroclaw.config.ConfigException;
import dev.zeroclaw.daemon.config.ConfigLoader;
import dev.zeroclaw.daemon.config.ConfigSnapshot;
import dev.zeroclaw.daemon.report.ErrorList;
import dev.zeroclaw.daemon.report.PlanDocument;
import dev.zeroclaw.daemon.report.PlanSummary;
import dev.zeroclaw.diff.ConfigDiff;
import dev.zeroclaw.diff.ReloadPlan;
import jakarta.inject.Inject;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "diff",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Show what a reload from OLD to NEW would do, per server, without a daemon.",
            "Changed fields are named (env.API_KEY, args); values never appear."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:no change", "1:changes", "2:bad input (a file is unreadable or invalid; usage error)"})
public final class DiffCommand implements Callable<Integer> {

    static final String TRIGGER = "diff";

    private final ConfigLoader loader;
    private final ObjectMapper json;

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "OLD", description = "the configuration running now")
    private Path oldFile;

    @Parameters(index = "1", paramLabel = "NEW", description = "the configuration to compare it with")
    private Path newFile;

    @Option(names = "--json", description = "print one JSON document on stdout (the reload report's shape)")
    private boolean asJson;

    @Inject
    public DiffCommand(ConfigLoader loader, ObjectMapper json) {
        this.loader = requireNonNull(loader, "loader is null");
        this.json = requireNonNull(json, "json is null");
    }

    @Override
    public Integer call() throws JsonProcessingException {
        List<ConfigError> errors = new ArrayList<>();
        ConfigSnapshot before = loadInto(oldFile, errors);
        ConfigSnapshot after = loadInto(newFile, errors);
        PrintWriter out = spec.commandLine().getOut();
        if (before == null || after == null) {
            if (asJson) {
                out.println(json.writeValueAsString(PlanDocument.ofErrors(TRIGGER, errors)));
            } else {
                spec.commandLine().getErr().print(ErrorList.render(describe(), errors));
            }
            return ExitCodes.DIFF_BAD_INPUT;
        }
        ReloadPlan plan = ConfigDiff.between(before.fingerprint(), after.fingerprint());
        if (asJson) {
            out.println(json.writeValueAsString(PlanDocument.ofPlan(TRIGGER, after.sha256(), plan)));
        } else {
            out.print(PlanSummary.render(plan));
        }
        return plan.isEmpty() ? ExitCodes.DIFF_NO_CHANGE : ExitCodes.DIFF_CHANGES;
    }

    private ConfigSnapshot loadInto(Path file, List<ConfigError> errors) {
        try {
            return loader.loadChecked(file);
        } catch (ConfigException e) {
            errors.addAll(e.errors());
            return null;
        }
    }

    private String describe() {
        return oldFile.equals(newFile) ? oldFile.toString() : oldFile + " and " + newFile;
    }
}
