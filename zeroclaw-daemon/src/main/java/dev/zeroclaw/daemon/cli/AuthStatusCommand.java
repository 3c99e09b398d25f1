package dev.zeroclaw.daemon.cli;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.zeroclaw.api.OAuthGrant;
import dev.zeroclaw.api.ServerSpec;
import dev.zeroclaw.daemon.config.ConfigLoader;
import dev.zeroclaw.oauth.StoredAuthorization;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(
        name = "status",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Show each OAuth server's issuer, scopes, expiry and login state (never a token).",
            "",
            "Lists each remote server with oauth_* keys, stored tokens, or waiting for a login (NEEDS_AUTH): the issuer,"
                    + " the granted scopes, when the access token expires, whether a refresh token is held, the client,"
                    + " and the running daemon's state for it (NEEDS_AUTH: the command to run). Reads the token files"
                    + " directly."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:shown (whether or not a daemon runs)", "1:a bad config, or the token store cannot be read",
            "2:usage error"})
public final class AuthStatusCommand implements Callable<Integer> {

    private final ConfigLoader loader;
    private final ObjectMapper json;

    @Spec
    private CommandSpec spec;

    @Mixin
    private AuthOptions options;

    @Inject
    public AuthStatusCommand(ConfigLoader loader, ObjectMapper json) {
        this.loader = requireNonNull(loader, "loader is null");
        this.json = requireNonNull(json, "json is null");
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Optional<OAuthServers> loaded = OAuthServers.load(loader, options, err);
        if (loaded.isEmpty()) {
            return ExitCodes.AUTH_FAILED;
        }
        OAuthServers servers = loaded.get();
        List<StoredAuthorization> stored;
        try {
            stored = servers.stored();
        } catch (IOException e) {
            err.println("zeroclaw: " + e.getMessage());
            return ExitCodes.AUTH_FAILED;
        }
        OAuthServers.DaemonReply reply = servers.askDaemon("{\"command\":\"status\"}", json);
        Optional<JsonNode> status = reply.answer();
        Map<String, JsonNode> daemonStates = new LinkedHashMap<>();
        status.ifPresent(answer -> answer.path("servers").forEach(node -> daemonStates.put(node.path("name").asText(), node)));
        Instant now = Clock.systemUTC().instant();

        ObjectNode document = json.createObjectNode().put("ok", true).put("config", servers.configFile().toString())
                .put("token_directory", servers.stateDirectory().path().resolve("oauth").toString())
                .put("daemon", status.isPresent() ? "running" : reply.absence());
        ArrayNode list = document.putArray("servers");
        StringBuilder text = new StringBuilder();
        List<String> shown = new ArrayList<>();
        for (ServerSpec server : servers.servers()) {
            List<StoredAuthorization> logins = stored.stream().filter(s -> s.server().equals(server.name())).toList();
            JsonNode daemon = daemonStates.get(server.name());
            // A server without oauth_* keys is shown once it has tokens, or once its challenge made it wait for a login.
            boolean waiting = daemon != null && daemon.path("state").asText().equals("NEEDS_AUTH");
            if (!OAuthServers.isRemote(server) || (server.oauth().isNone() && logins.isEmpty() && !waiting)) {
                continue;
            }
            shown.add(server.name());
            ObjectNode entry = list.addObject().put("name", server.name()).put("transport", server.transport())
                    .put("url", server.url().orElse(null)).put("grant", grant(server))
                    .put("configured_client_id", server.oauth().clientId().orElse(null));
            ArrayNode loginList = entry.putArray("logins");
            logins.forEach(login -> loginList.add(AuthText.document(login, server, now, json)));
            entry.put("daemon_state", daemon == null ? null : daemon.path("state").asText());
            entry.put("last_error", daemon == null || !daemon.path("last_error").isTextual() ? null : daemon.path("last_error").asText());
            String action = action(server, logins, daemon);
            entry.put("action", action);

            text.append(server.name()).append("  ").append(server.transport()).append(' ').append(server.url().orElse(""))
                    .append('\n');
            if (server.oauth().grant() == OAuthGrant.CLIENT_CREDENTIALS) {
                text.append("  grant         client_credentials (the daemon gets its own tokens; no login)\n");
            }
            if (logins.isEmpty()) {
                text.append("  tokens        none stored\n");
            }
            logins.forEach(login -> text.append(AuthText.lines(login, server, now)));
            text.append("  daemon        ").append(daemon == null ? "not running" : daemon.path("state").asText()).append('\n');
            if (action != null) {
                text.append("  to do         ").append(action).append('\n');
            }
        }
        List<String> orphans = stored.stream().map(StoredAuthorization::server).filter(name -> !shown.contains(name))
                .distinct().toList();
        orphans.forEach(document.putArray("unconfigured_logins")::add);
        if (options.asJson) {
            out.println(document);
            return ExitCodes.OK;
        }
        if (shown.isEmpty()) {
            text.append("no remote server of ").append(servers.configFile()).append(" uses OAuth\n");
        }
        for (String orphan : orphans) {
            text.append("tokens are stored for '").append(orphan).append("', which the config no longer has (or not as a remote")
                    .append(" server): zeroclaw auth logout ").append(orphan).append(" forgets them\n");
        }
        if (status.isEmpty()) {
            text.append("(the daemon is ").append(reply.absence()).append(": its states are not shown)\n");
        }
        out.print(text);
        return ExitCodes.OK;
    }

    private static String grant(ServerSpec server) {
        return server.oauth().grant() == OAuthGrant.CLIENT_CREDENTIALS ? "client_credentials" : "authorization_code";
    }

    /** The command to run, when a person must: the daemon waits for a login, or there is none to start with. */
    private static String action(ServerSpec server, List<StoredAuthorization> logins, JsonNode daemon) {
        if (server.oauth().grant() == OAuthGrant.CLIENT_CREDENTIALS) {
            return null;
        }
        boolean waiting = daemon != null && daemon.path("state").asText().equals("NEEDS_AUTH");
        return waiting || logins.isEmpty() ? "zeroclaw auth login " + server.name() : null;
    }
}
