package dev.zeroclaw.daemon.cli;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zeroclaw.api.ConfigError;
import dev.zeroclaw.api.GatewayListen;
import dev.zeroclaw.api.ServerPrefixes;
import dev.zeroclaw.api.ServerSpec;
import dev.zeroclaw.config.ConfigException;
import dev.zeroclaw.daemon.config.ConfigLoader;
import dev.zeroclaw.daemon.config.ConfigLocation;
import dev.zeroclaw.daemon.config.ConfigSnapshot;
import dev.zeroclaw.daemon.report.ErrorList;
import dev.zeroclaw.daemon.report.PlanDocument;
import dev.zeroclaw.daemon.report.WarningList;
import dev.zeroclaw.daemon.state.StateToolSizes;
import dev.zeroclaw.gateway.deferred.ToolDefinitionSize;
import dev.zeroclaw.signal.StateDirectory;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.tomlj.Toml;
import org.tomlj.TomlPosition;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "check",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Validate a config file. Never starts anything.",
            "Every error is reported at once, as file:line:column: message."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:valid", "1:invalid (or unreadable)", "2:usage error"})
public final class ConfigCheckCommand implements Callable<Integer> {

    private final ConfigLoader loader;
    private final ObjectMapper json;

    @Spec
    private CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE",
            description = "config file (default: $ZEROCLAW_CONFIG_DIR/config.toml, else ~/.zeroclaw/config.toml)")
    private Path config;

    @Option(names = "--plugin-dir", paramLabel = "DIR",
            description = "transport plugins to check against, as 'zeroclaw daemon --plugin-dir' (default: [mcp] plugin_dir,"
                    + " else ~/.zeroclaw/plugins)")
    private Path pluginDir;

    @Option(names = "--state-dir", paramLabel = "DIR",
            description = "the daemon's state directory, for the tool-definition sizes it last measured, as 'zeroclaw"
                    + " daemon --state-dir' (default: [mcp] state_dir, else $XDG_STATE_HOME/zeroclaw, else ~/.zeroclaw/state)")
    private Path stateDir;

    @Option(names = "--json", description = "print one JSON document on stdout")
    private boolean asJson;

    @Inject
    public ConfigCheckCommand(ConfigLoader loader, ObjectMapper json) {
        this.loader = requireNonNull(loader, "loader is null");
        this.json = requireNonNull(json, "json is null");
    }

    @Override
    public Integer call() throws JsonProcessingException {
        Path file = ConfigLocation.resolve(config);
        try {
            ConfigSnapshot snapshot = loader.loadChecked(file, Optional.ofNullable(pluginDir));
            refuseWhatTheDaemonRefuses(file, snapshot);
            List<ConfigError> warnings = loader.warnings(snapshot);
            if (asJson) {
                spec.commandLine().getOut().println(json.writeValueAsString(validDocument(snapshot, warnings, measured(snapshot))));
            } else {
                spec.commandLine().getErr().print(WarningList.render(warnings));
                spec.commandLine().getOut().print(summary(snapshot, warnings));
            }
            return ExitCodes.CONFIG_VALID;
        } catch (ConfigException e) {
            if (asJson) {
                Map<String, Object> document = new LinkedHashMap<>();
                document.put("ok", false);
                document.put("config", file.toString());
                document.put("errors", PlanDocument.errors(e.errors()));
                spec.commandLine().getOut().println(json.writeValueAsString(document));
            } else {
                spec.commandLine().getErr().print(ErrorList.render(file.toString(), e.errors()));
            }
            return ExitCodes.CONFIG_INVALID;
        }
    }

    /** The gateway's address as the daemon refuses it at start ({@link GatewayListen}), at the key. */
    private static void refuseWhatTheDaemonRefuses(Path file, ConfigSnapshot snapshot) throws ConfigException {
        Optional<String> refusal = GatewayListen.of(snapshot.config().settings()).refusal();
        if (refusal.isEmpty()) {
            return;
        }
        TomlPosition at = null;
        try {
            at = Toml.parse(file).inputPositionOf(List.of("mcp", "gateway", "listen"));
        } catch (IOException e) {
            // Read a moment ago; without a position the message still stands.
        }
        throw new ConfigException(List.of(at == null
                ? ConfigError.ofFile(file.toString(), refusal.get())
                : new ConfigError(file.toString(), at.line(), at.column(), refusal.get())));
    }

    /**
     * The tool-definition sizes the daemon last measured ({@link StateToolSizes}), per server; none
     * when it never measured or the file cannot be read (a line on stderr says why). Never starts a server.
     */
    private Map<String, ToolDefinitionSize> measured(ConfigSnapshot snapshot) {
        StateDirectory state = StateDirectory.forThisProcess(Optional.ofNullable(stateDir)
                .or(() -> snapshot.config().settings().stateDir().map(Path::of)));
        try {
            return StateToolSizes.read(state, json);
        } catch (IOException e) {
            spec.commandLine().getErr().println("tool definition sizes left out: " + e.getMessage());
            return Map.of();
        }
    }

    private static Map<String, Object> validDocument(ConfigSnapshot snapshot, List<ConfigError> warnings,
            Map<String, ToolDefinitionSize> measured) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("ok", true);
        document.put("config", snapshot.file().toString());
        document.put("config_sha256", snapshot.sha256());
        document.put("enabled", snapshot.config().settings().enabled());
        ServerPrefixes prefixes = ServerPrefixes.ofSpecs(snapshot.config().servers());
        document.put("servers", snapshot.config().servers().stream().map(server -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", server.name());
            entry.put("prefix", prefixes.prefix(server.name()));
            entry.put("tool_prefix", server.toolPrefix().orElse(null));
            entry.put("transport", server.transport());
            entry.put("enabled", server.enabled());
            entry.put("tool_definitions", Optional.ofNullable(measured.get(server.name())).map(ToolDefinitionSize::document)
                    .orElse(null));
            return entry;
        }).toList());
        document.put("errors", List.of());
        document.put("warnings", PlanDocument.errors(warnings));
        return document;
    }

    private static String summary(ConfigSnapshot snapshot, List<ConfigError> warnings) {
        List<ServerSpec> servers = snapshot.config().servers();
        StringBuilder out = new StringBuilder()
                .append(snapshot.file()).append(": valid, ")
                .append(servers.size() == 1 ? "1 server" : servers.size() + " servers");
        if (!snapshot.config().settings().enabled()) {
            out.append(" (mcp.enabled = false: none will run)");
        }
        if (!warnings.isEmpty()) {
            out.append(warnings.size() == 1 ? ", 1 warning" : ", " + warnings.size() + " warnings");
        }
        out.append('\n');
        ServerPrefixes prefixes = ServerPrefixes.ofSpecs(servers);
        for (ServerSpec server : servers) {
            out.append("  ").append(server.name()).append(" (").append(server.transport());
            if (!server.enabled()) {
                out.append(", disabled");
            }
            out.append(')');
            String prefix = prefixes.prefix(server.name());
            if (!prefix.equals(server.name())) {
                out.append(": clients see its tools as ").append(prefix).append("__<tool>")
                        .append(server.toolPrefix().isPresent() ? " (tool_prefix)" : "");
            }
            out.append('\n');
        }
        out.append("sha256 ").append(snapshot.sha256()).append('\n');
        return out.toString();
    }
}
