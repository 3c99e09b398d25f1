package dev.zeroclaw.daemon.cli;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zeroclaw.api.DaemonSettings;
import dev.zeroclaw.api.GatewayAuth;
import dev.zeroclaw.api.McpBundle;
import dev.zeroclaw.api.McpConfig;
import dev.zeroclaw.config.ConfigException;
import dev.zeroclaw.daemon.config.ConfigLoader;
import dev.zeroclaw.daemon.config.ConfigLocation;
import dev.zeroclaw.daemon.connect.BearerTokenSource;
import dev.zeroclaw.daemon.connect.GatewayBridge;
import dev.zeroclaw.daemon.control.ControlClient;
import dev.zeroclaw.daemon.control.DaemonBusyException;
import dev.zeroclaw.daemon.control.DaemonUnreachableException;
import dev.zeroclaw.daemon.report.ErrorList;
import dev.zeroclaw.daemon.report.JsonTree;
import dev.zeroclaw.signal.GatewayTokenFile;
import dev.zeroclaw.signal.RuntimeDirectory;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "connect",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Relay an MCP client on stdin/stdout to the daemon's gateway (for stdio-only clients).",
            "For clients that only launch stdio servers (Claude Desktop, IDEs). Reconnects when the daemon restarts."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:stdin ended", "1:the config could not be read", "2:usage error"})
public final class ConnectCommand implements Callable<Integer> {

    private static final Logger log = LoggerFactory.getLogger(ConnectCommand.class);

    private final ConfigLoader loader;
    private final ObjectMapper json;

    @Spec
    private CommandSpec spec;

    @Option(names = "--url", paramLabel = "URL",
            description = "the gateway endpoint (default: the running daemon's, asked through its control socket,"
                    + " else http://<mcp.gateway.listen>/mcp from the config file)")
    private URI url;

    @Option(names = "--config", paramLabel = "FILE",
            description = "config file to read mcp.gateway from (default: $ZEROCLAW_CONFIG_DIR/config.toml, else ~/.zeroclaw/config.toml)")
    private Path config;

    @Option(names = "--token-env", paramLabel = "NAME",
            description = "environment variable holding the gateway's bearer token (default: mcp.gateway.auth_token_env,"
                    + " else the token the daemon wrote into its runtime directory)")
    private String tokenEnv;

    @Option(names = "--bundle", paramLabel = "ALIAS",
            description = "connect to the view of [mcp_bundles.<ALIAS>] at /mcp/<ALIAS>; its auth_token_env is the token"
                    + " unless --token-env names one")
    private String bundle;

    @Option(names = "--runtime-dir", paramLabel = "DIR",
            description = "the daemon's runtime directory, where it writes gateway.token"
                    + " (default: $XDG_RUNTIME_DIR/zeroclaw, else ~/.zeroclaw/run)")
    private Path runtimeDir;

    @Inject
    public ConnectCommand(ConfigLoader loader, ObjectMapper json) {
        this.loader = requireNonNull(loader, "loader is null");
        this.json = requireNonNull(json, "json is null");
    }

    @Override
    public Integer call() throws IOException {
        URI endpoint = url;
        Optional<String> variable = Optional.ofNullable(tokenEnv);
        // The bundle's own token variable, when --bundle names one that has it (without --token-env).
        Optional<String> bundleVariable = Optional.empty();
        boolean authNone = false;
        // Neither an endpoint nor a file named: the running daemon knows where its gateway is (after a
        // reload that moved it, too); the config file is the fallback when no daemon answers.
        if (endpoint == null && config == null) {
            Optional<JsonTree> status = askDaemon();
            Optional<JsonTree> gateway = status.map(found -> found.path("gateway"));
            if (gateway.isPresent()) {
                endpoint = URI.create(gateway.get().path("url").asText());
                if (variable.isEmpty() && !gateway.get().path("auth_token_env").isNull()
                        && !gateway.get().path("auth_token_env").isMissing()) {
                    variable = Optional.of(gateway.get().path("auth_token_env").asText());
                }
                authNone = gateway.get().path("auth").asText().equals("none");
                if (bundle != null && tokenEnv == null) {
                    bundleVariable = bundleTokenEnv(status.get().path("bundles"));
                }
            }
        }
        // With --url alone, no config file is needed: the gateway may run elsewhere.
        if (endpoint == null || (variable.isEmpty() && config != null)) {
            Path file = ConfigLocation.resolve(config);
            DaemonSettings settings;
            try {
                McpConfig loaded = loader.load(file).config();
                settings = loaded.settings();
                if (bundle != null && tokenEnv == null) {
                    bundleVariable = loaded.bundle(bundle).flatMap(McpBundle::authTokenEnv);
                }
            } catch (ConfigException e) {
                spec.commandLine().getErr().print(ErrorList.render(file.toString(), e.errors()));
                spec.commandLine().getErr().println("zeroclaw: connect needs the gateway's address: fix the file, or pass --url");
                return ExitCodes.CONNECT_CONFIG_INVALID;
            }
            if (endpoint == null) {
                endpoint = URI.create("http://" + settings.gatewayListen() + "/mcp");
            }
            if (variable.isEmpty()) {
                variable = settings.gatewayAuthTokenEnv();
            }
            authNone = settings.gatewayAuth() == GatewayAuth.NONE;
        }
        if (bundle != null) {
            Optional<String> problem = McpBundle.aliasProblem(bundle);
            if (problem.isPresent()) {
                spec.commandLine().getErr().println("zeroclaw: --bundle: " + problem.get());
                return ExitCodes.USAGE;
            }
            endpoint = bundleEndpoint(endpoint);
            // Without its own token, a bundle is reached with the gateway's.
            if (bundleVariable.isPresent()) {
                variable = bundleVariable;
            }
        }
        // stdout carries MCP messages only; everything else goes to stderr through the log.
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), false, StandardCharsets.UTF_8);
        // A gateway found through the daemon is looked up there again when it cannot be reached: a reload may have moved it.
        Supplier<Optional<URI>> rediscover = url == null && config == null
                ? () -> askDaemon().map(status -> bundleEndpoint(URI.create(status.path("gateway").path("url").asText())))
                : Optional::empty;
        new GatewayBridge(endpoint, rediscover, tokenSource(endpoint, variable, authNone), json, out).run(System.in);
        return ExitCodes.OK;
    }

    /** {@code endpoint} ({@code .../mcp}), or with {@code --bundle} the bundle's {@code .../mcp/<alias>}. */
    private URI bundleEndpoint(URI endpoint) {
        if (bundle == null) {
            return endpoint;
        }
        String text = endpoint.toString();
        return URI.create((text.endsWith("/") ? text : text + "/") + bundle);
    }

    /** The {@code auth_token_env} of the {@code --bundle} in the daemon's status bundles. */
    private Optional<String> bundleTokenEnv(JsonTree bundles) {
        for (JsonTree entry : bundles) {
            if (entry.path("alias").asText().equals(bundle) && !entry.path("auth_token_env").isNull()
                    && !entry.path("auth_token_env").isMissing()) {
                return Optional.of(entry.path("auth_token_env").asText());
            }
        }
        return Optional.empty();
    }

    /**
     * The running daemon's status (its {@code gateway} part is used, and its {@code bundles}), through the control socket of the runtime
     * directory ({@code status}'s rules); empty when no daemon answers or its gateway listens nowhere.
     */
    private Optional<JsonTree> askDaemon() {
        Path socket = RuntimeDirectory.forThisProcess(Optional.ofNullable(runtimeDir)).path().resolve(ControlClient.SOCKET_NAME);
        try {
            JsonTree status = new ControlClient().send(socket, "{\"command\":\"status\"}", ControlClient.BUSY_PATIENCE);
            JsonTree gateway = status.path("gateway");
            return gateway.path("url").isNull() || gateway.path("url").isMissing() ? Optional.empty() : Optional.of(status);
        } catch (DaemonUnreachableException | DaemonBusyException e) {
            log.info("no daemon answers at {} ({}); reading the config file", socket, e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * The variable's token if one is named; none for {@code auth = "none"}; else the token the
     * local daemon generated, read from its runtime directory before each request (a restarted
     * daemon has a new one). Only for a loopback endpoint: a local token is never sent elsewhere.
     */
    private BearerTokenSource tokenSource(URI endpoint, Optional<String> variable, boolean authNone) {
        if (variable.isPresent()) {
            return BearerTokenSource.fixed(Optional.ofNullable(System.getenv(variable.get()))
                    .filter(value -> !value.isBlank()).map(String::strip));
        }
        if (authNone || !isLoopback(endpoint)) {
            return BearerTokenSource.NONE;
        }
        Path directory = RuntimeDirectory.forThisProcess(Optional.ofNullable(runtimeDir)).path();
        return () -> GatewayTokenFile.read(directory);
    }

    private static boolean isLoopback(URI endpoint) {
        String host = endpoint.getHost();
        if (host == null) {
            return false;
        }
        try {
            return InetAddress.getByName(host.startsWith("[") ? host.substring(1, host.length() - 1) : host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
