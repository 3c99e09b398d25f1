package dev.zeroclaw.daemon.cli;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.zeroclaw.api.OAuthGrant;
import dev.zeroclaw.api.ServerSpec;
import dev.zeroclaw.config.ConfigException;
import dev.zeroclaw.daemon.config.ConfigLoader;
import dev.zeroclaw.daemon.config.ConfigLocation;
import dev.zeroclaw.daemon.config.ConfigSnapshot;
import dev.zeroclaw.daemon.control.ControlClient;
import dev.zeroclaw.daemon.control.DaemonBusyException;
import dev.zeroclaw.daemon.control.DaemonUnreachableException;
import dev.zeroclaw.daemon.report.ErrorList;
import dev.zeroclaw.oauth.StoredAuthorization;
import dev.zeroclaw.oauth.TokenStore;
import dev.zeroclaw.signal.StateDirectory;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The config and the token store as {@code zeroclaw auth} sees them: the file resolved like every command's, the
 * state directory resolved like the daemon's ({@code --state-dir}, {@code [mcp] state_dir}, {@code XDG_STATE_HOME},
 * {@code ~/.zeroclaw/state}), and the running daemon's control socket. The CLI runs as the daemon's user and reads
 * the {@code 0600} token files directly.
 */
final class OAuthServers {

    /** The transports that reach a server by URL and so may need OAuth. */
    static final Set<String> REMOTE = Set.of("http", "sse");

    private final ConfigSnapshot snapshot;
    private final StateDirectory state;
    private final AuthOptions options;

    private OAuthServers(ConfigSnapshot snapshot, StateDirectory state, AuthOptions options) {
        this.snapshot = snapshot;
        this.state = state;
        this.options = options;
    }

    /** The config as the daemon reads it (secrets resolved); a bad file is reported at its positions, and empty. */
    static Optional<OAuthServers> load(ConfigLoader loader, AuthOptions options, PrintWriter err) {
        requireNonNull(loader, "loader is null");
        Path file = ConfigLocation.resolve(options.config);
        ConfigSnapshot snapshot;
        try {
            snapshot = loader.load(file);
        } catch (ConfigException e) {
            err.print(ErrorList.render(file.toString(), e.errors()));
            return Optional.empty();
        }
        StateDirectory state = StateDirectory.forThisProcess(Optional.ofNullable(options.stateDir)
                .or(() -> snapshot.config().settings().stateDir().map(Path::of)));
        return Optional.of(new OAuthServers(snapshot, state, options));
    }

    Path configFile() {
        return snapshot.file();
    }

    StateDirectory stateDirectory() {
        return state;
    }

    List<ServerSpec> servers() {
        return snapshot.config().servers();
    }

    Optional<ServerSpec> find(String name) {
        return servers().stream().filter(server -> server.name().equalsIgnoreCase(name)).findFirst();
    }

    static boolean isRemote(ServerSpec server) {
        return REMOTE.contains(server.transport()) && server.url().isPresent();
    }

    /**
     * The server a login is for; else why not (unknown, not remote, machine to machine), for the operator. The
     * name is matched as the config matches it: case-insensitively.
     */
    Optional<String> whyNoLogin(String name) {
        Optional<ServerSpec> found = find(name);
        if (found.isEmpty()) {
            return Optional.of("no server '" + name + "' in " + snapshot.file() + "; " + configured());
        }
        ServerSpec server = found.get();
        if (!isRemote(server)) {
            return Optional.of("server '" + server.name() + "' uses the " + server.transport() + " transport; only remote"
                    + " servers (transport = \"http\" or \"sse\" with a url) log in with OAuth");
        }
        if (server.oauth().grant() == OAuthGrant.CLIENT_CREDENTIALS) {
            return Optional.of("server '" + server.name() + "' uses oauth_grant = \"client_credentials\": the daemon gets"
                    + " its tokens itself with the configured client, no login is needed (zeroclaw auth status shows them)");
        }
        return Optional.empty();
    }

    private String configured() {
        List<String> names = servers().stream().map(ServerSpec::name).toList();
        return names.isEmpty() ? "none is configured" : "the configured servers are " + String.join(", ", names);
    }

    /** The store, created ({@code 0700}) when missing: for a login, which writes it. */
    TokenStore openStore() throws IOException {
        state.create();
        return TokenStore.open(state.path());
    }

    /** What is stored, read without creating anything (a status must not make directories). */
    List<StoredAuthorization> stored() throws IOException {
        if (!Files.isDirectory(state.path().resolve("oauth"))) {
            return List.of();
        }
        return TokenStore.open(state.path()).list();
    }

    /**
     * The running daemon's answer to one request, or empty with the reason there is none ({@code absence}: not
     * running, busy, ...).
     */
    record DaemonReply(Optional<JsonNode> answer, String absence) {}

    /** Sends {@code request} to the running daemon. */
    DaemonReply askDaemon(String request, ObjectMapper json) {
        try {
            JsonNode answer = json.readTree(new ControlClient().send(ClientCommands.socket(options.runtimeDir), request,
                    ControlClient.BUSY_PATIENCE).toJson());
            return new DaemonReply(Optional.of(answer), "");
        } catch (DaemonUnreachableException e) {
            return new DaemonReply(Optional.empty(), "not running");
        } catch (DaemonBusyException e) {
            return new DaemonReply(Optional.empty(), "busy");
        } catch (JsonProcessingException e) {
            return new DaemonReply(Optional.empty(), "answered something that is not JSON");
        }
    }

    /**
     * Tells the running daemon that {@code server}'s tokens changed ({@code auth-changed}), so it uses them at once.
     * The document says what happened: {@code daemon} ({@code told}, {@code not running}, {@code busy},
     * {@code refused}), the daemon's reply fields, and {@code message}, a sentence for the operator.
     */
    ObjectNode tellDaemon(String server, boolean loggedIn, ObjectMapper json) {
        ObjectNode request = json.createObjectNode().put("command", "auth-changed").put("server", server);
        DaemonReply daemon = askDaemon(request.toString(), json);
        Optional<JsonNode> reply = daemon.answer();
        String why = daemon.absence();
        ObjectNode document = json.createObjectNode();
        if (reply.isEmpty()) {
            document.put("daemon", why);
            document.put("message", why.equals("not running")
                    ? "no daemon is running; it " + (loggedIn ? "uses this login" : "finds no tokens") + " when it starts"
                    : "the daemon did not take the news (" + why + "); it " + (loggedIn ? "uses this login" : "drops the tokens")
                            + " when " + server + " starts again (zeroclaw reload, or a restart)");
            return document;
        }
        JsonNode answer = reply.get();
        if (!answer.path("ok").asBoolean(false)) {
            document.put("daemon", "refused");
            document.put("message", "the daemon refused: " + answer.path("error").asText());
            return document;
        }
        document.put("daemon", "told");
        document.set("before", answer.path("before"));
        document.set("action", answer.path("action"));
        document.set("state", answer.path("state"));
        document.set("last_error", answer.path("last_error"));
        String state = answer.path("state").asText();
        String message;
        if (answer.path("action").asText().equals("started")) {
            message = "the running daemon started " + server + " again: " + state
                    + (answer.path("last_error").isTextual() ? " (" + answer.path("last_error").asText() + ")" : "");
        } else if (loggedIn) {
            message = "the running daemon uses the new login at " + server + "'s next request (" + state + ")";
        } else {
            message = "the running daemon dropped " + server + "'s tokens; its next request needs a login (" + state + ")";
        }
        document.put("message", message);
        return document;
    }
}
