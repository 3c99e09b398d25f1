package dev.zeroclaw.daemon.cli;

import static java.util.Objects.requireNonNull;

import dev.zeroclaw.api.DaemonSettings;
import dev.zeroclaw.config.ConfigException;
import dev.zeroclaw.daemon.config.ConfigLoader;
import dev.zeroclaw.daemon.config.ConfigLocation;
import dev.zeroclaw.plugins.PluginLocation;
import dev.zeroclaw.plugins.TransportCatalog;
import jakarta.inject.Inject;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "transports",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "List the installed transport providers and where each came from: built in, or a plugin folder.",
            "Problems (a plugin folder without a provider, a provider that fails, two providers with one name) go to stderr."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every provider loaded", "1:some provider or plugin folder has a problem", "2:usage error"})
public final class TransportsCommand implements Callable<Integer> {

    private final TransportCatalog transports;
    private final ConfigLoader loader;

    @Spec
    private CommandSpec spec;

    @Option(names = "--plugin-dir", paramLabel = "DIR",
            description = "plugins folder (default: [mcp] plugin_dir of the config file, else ~/.zeroclaw/plugins)")
    private Path pluginDir;

    @Option(names = "--config", paramLabel = "FILE",
            description = "config file naming plugin_dir (default: $ZEROCLAW_CONFIG_DIR/config.toml, else ~/.zeroclaw/config.toml)")
    private Path config;

    @Inject
    public TransportsCommand(TransportCatalog transports, ConfigLoader loader) {
        this.transports = requireNonNull(transports, "transports is null");
        this.loader = requireNonNull(loader, "loader is null");
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Path folder = PluginLocation.resolve(Optional.ofNullable(pluginDir), settings(err));
        transports.refresh(folder);
        int width = transports.installed().stream().mapToInt(p -> p.name().length()).max().orElse(4);
        out.printf("%-" + width + "s  %s%n", "NAME", "ORIGIN");
        transports.installed().forEach(provider -> out.printf("%-" + width + "s  %s%n", provider.name(), provider.origin()));
        out.println("plugins folder: " + folder + (Files.isDirectory(folder) ? "" : " (does not exist)"));
        transports.problems().forEach(problem -> err.println("zeroclaw: " + problem));
        return transports.problems().isEmpty() ? ExitCodes.OK : ExitCodes.TRANSPORTS_PLUGIN_PROBLEM;
    }

    /** The settings naming plugin_dir; the defaults when there is no file, or it is invalid (said on stderr). */
    private DaemonSettings settings(PrintWriter err) {
        if (pluginDir != null) {
            return DaemonSettings.defaults();
        }
        Path file = ConfigLocation.resolve(config);
        if (config == null && !Files.exists(file)) {
            return DaemonSettings.defaults();
        }
        try {
            return loader.load(file).config().settings();
        } catch (ConfigException e) {
            err.println("zeroclaw: " + file + " is not valid (see 'zeroclaw config check'); its plugin_dir is not used");
            return DaemonSettings.defaults();
        }
    }
}
