package dev.zeroclaw.daemon.cli;

import dev.zeroclaw.daemon.config.ConfigLocation;
import dev.zeroclaw.daemon.config.NewConfigFile;
import dev.zeroclaw.daemon.config.StarterConfig;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "init",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Write a commented starter config file; never overwrite one.",
            "It is the example of the README: two demo servers, a remote one left",
            "disabled. The file is readable by you only (0600); a directory made for it",
            "is 0700."
        },
        footer = {
            "",
            "Then: zeroclaw config check; zeroclaw daemon. 'zeroclaw import CLIENT --write'",
            "adds the servers of Claude Desktop, VS Code or Cursor."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:written", "1:the file exists, or cannot be written; nothing written", "2:usage error"})
public final class InitCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE",
            description = "where to write it (default: $ZEROCLAW_CONFIG_DIR/config.toml, else ~/.zeroclaw/config.toml)")
    private Path config;

    @Inject
    public InitCommand() {}

    @Override
    public Integer call() {
        Path file = ConfigLocation.resolve(config);
        PrintWriter err = spec.commandLine().getErr();
        try {
            StarterConfig.write(file);
        } catch (FileAlreadyExistsException e) {
            err.println("zeroclaw init: " + file + " already exists; nothing written (edit it, or name another file with"
                    + " --config FILE)");
            return ExitCodes.INIT_NOT_WRITTEN;
        } catch (IOException e) {
            err.println("zeroclaw init: " + file + " cannot be written: " + NewConfigFile.reason(e));
            return ExitCodes.INIT_NOT_WRITTEN;
        }
        String option = config == null ? "" : " --config " + file;
        PrintWriter out = spec.commandLine().getOut();
        out.println("wrote " + file);
        out.println("next: zeroclaw config check" + option + ", then zeroclaw daemon" + option);
        return ExitCodes.OK;
    }
}
