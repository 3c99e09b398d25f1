package dev.zeroclaw.daemon.cli;

import static java.util.Objects.requireNonNull;

import dev.zeroclaw.api.ConfigError;
import dev.zeroclaw.config.ConfigParser;
import dev.zeroclaw.daemon.config.ConfigLocation;
import dev.zeroclaw.daemon.imports.ClientFormat;
import dev.zeroclaw.daemon.imports.ClientImporter;
import dev.zeroclaw.daemon.imports.ConfigAppender;
import dev.zeroclaw.daemon.imports.ImportEnvironment;
import dev.zeroclaw.daemon.imports.ImportException;
import dev.zeroclaw.daemon.imports.ImportReport;
import dev.zeroclaw.daemon.imports.ImportedServer;
import dev.zeroclaw.daemon.imports.ServerToml;
import dev.zeroclaw.daemon.imports.TomlText;
import jakarta.inject.Inject;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

@Command(
        name = "import",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Turn another client's MCP servers into zeroclaw [[mcp.servers]] entries.",
            "They are printed, or appended to the config file with --write.",
            "stdio entries keep command, args, env and cwd; remote ones (url) become",
            "transport http or sse, with their headers. On stderr, a warning for every",
            "env and headers value carried over as a literal secret (server and key,",
            "never the value) and for every field zeroclaw has no equivalent for.",
            "A value VS Code prompts for ($${input:ID}) is left out, with a commented",
            "line in its place.",
            "",
            "Without FILE, the client's own files, the least specific first (a later",
            "file's server replaces an earlier one of the same name):",
            "  claude-desktop  ~/.config/Claude/claude_desktop_config.json",
            "  vscode          ~/.config/Code/User/settings.json (its \"mcp\"),",
            "                  ~/.config/Code/User/mcp.json, ./.vscode/mcp.json",
            "  cursor          ~/.cursor/mcp.json, ./.cursor/mcp.json",
            "(~/.config is $XDG_CONFIG_HOME when set.)"
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:imported (printed, or written with --write)",
            "1:the client's file cannot be read or is not JSON (file:line:column); the TOML would not pass 'config check';"
                + " --write refused (the config is invalid, already has one of the names, or cannot be written)",
            "2:usage error (an unknown client, --config without --write)"})
public final class ImportCommand implements Callable<Integer> {

    private final ConfigParser parser;

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "CLIENT", converter = ClientConverter.class,
            description = "claude-desktop, vscode or cursor")
    private ClientFormat client;

    @Parameters(index = "1", paramLabel = "FILE", arity = "0..1",
            description = "the client's JSON file (default: the client's own files, above)")
    private Path file;

    @Option(names = "--write", description = "append the servers to the config file instead of printing them: its text"
            + " is kept as it is; nothing is written when it is invalid or already has a server of one of the names")
    private boolean write;

    @Option(names = "--config", paramLabel = "FILE",
            description = "the config file --write adds to, created when missing (default: $ZEROCLAW_CONFIG_DIR/config.toml,"
                    + " else ~/.zeroclaw/config.toml)")
    private Path config;

    @Inject
    public ImportCommand(ConfigParser parser) {
        this.parser = requireNonNull(parser, "parser is null");
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (config != null && !write) {
            err.println("zeroclaw import: --config names the file --write adds to; without --write nothing is written."
                    + " Add --write, or leave --config out to print the TOML");
            return ExitCodes.USAGE;
        }
        ImportReport report;
        try {
            report = new ClientImporter(ImportEnvironment.current()).read(client, Optional.ofNullable(file));
        } catch (ImportException e) {
            err.println("zeroclaw import: " + e.getMessage());
            return ExitCodes.IMPORT_FAILED;
        }
        report.warnings().forEach(warning -> err.println("warning: " + warning));
        if (report.servers().isEmpty()) {
            err.println("zeroclaw import: no servers to import from " + sources(report));
            return ExitCodes.OK;
        }
        if (report.literalSecrets() > 0) {
            err.println("hint: a literal secret in a config file is readable by whoever reads the file; write it as a"
                    + " reference instead: KEY = \"${env:NAME}\" (the daemon's environment) or \"${file:/run/secrets/name}\"");
        }
        return write ? append(report, out, err) : print(report, out, err);
    }

    private int print(ImportReport report, PrintWriter out, PrintWriter err) {
        out.print(ServerToml.render(report, ServerToml.SERVERS));
        out.flush();
        List<ConfigError> problems;
        try {
            problems = new ConfigAppender(parser).problemsAlone(report);
        } catch (ImportException e) {
            throw new IllegalStateException("the import wrote TOML that does not parse: " + e.getMessage(), e);
        }
        if (!problems.isEmpty()) {
            problems.forEach(err::println);
            err.println("zeroclaw import: the TOML above does not pass 'zeroclaw config check'; fix what is said before"
                    + " adding it to a config");
            return ExitCodes.IMPORT_FAILED;
        }
        err.println("imported " + count(report) + " from " + sources(report));
        return ExitCodes.OK;
    }

    private int append(ImportReport report, PrintWriter out, PrintWriter err) {
        Path target = ConfigLocation.resolve(config);
        ConfigAppender.Appended appended;
        try {
            appended = new ConfigAppender(parser).append(target, report);
        } catch (ImportException e) {
            err.println("zeroclaw import: " + e.getMessage().strip());
            return ExitCodes.IMPORT_FAILED;
        }
        out.println((appended.created() ? "created " : "added to ") + target + ": " + count(report) + " ("
                + String.join(", ", report.servers().stream().map(ImportedServer::name).map(ImportCommand::shown).toList())
                + ")");
        out.println("next: zeroclaw config check" + (config == null ? "" : " --config " + target)
                + ", then 'zeroclaw reload' (a running daemon with auto_reload = true picks the change up itself)");
        return ExitCodes.OK;
    }

    private static String count(ImportReport report) {
        return report.servers().size() == 1 ? "1 server" : report.servers().size() + " servers";
    }

    private static String sources(ImportReport report) {
        return String.join(", ", report.sources().stream().map(Path::toString).toList());
    }

    private static String shown(String name) {
        return TomlText.escape(name);
    }

    /** {@code claude-desktop}, {@code vscode}, {@code cursor}; anything else is a usage error that lists them. */
    public static final class ClientConverter implements ITypeConverter<ClientFormat>, Iterable<String> {

        @Override
        public ClientFormat convert(String value) {
            return ClientFormat.byCliName(value).orElseThrow(() -> new TypeConversionException(
                    "'" + value + "' is not a client zeroclaw imports from; known: " + String.join(", ", this)));
        }

        @Override
        public Iterator<String> iterator() {
            return Arrays.stream(ClientFormat.values()).map(ClientFormat::cliName).iterator();
        }
    }
}
