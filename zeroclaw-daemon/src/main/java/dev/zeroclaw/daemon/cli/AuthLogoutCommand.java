package dev.zeroclaw.daemon.cli;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.zeroclaw.api.ServerSpec;
import dev.zeroclaw.daemon.config.ConfigLoader;
import dev.zeroclaw.oauth.OAuthException;
import dev.zeroclaw.oauth.Revocation;
import dev.zeroclaw.oauth.StoredAuthorization;
import dev.zeroclaw.oauth.TokenStore;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "logout",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Revoke a server's OAuth tokens and forget them.",
            "",
            "Revokes at the authorization server where it offers revocation (RFC 7009: the refresh token, then the"
                    + " access token), and deletes them from the token store. A failed revocation still forgets them"
                    + " here, and says so. The running daemon is told: it drops the tokens, and the server's next"
                    + " request needs a login (NEEDS_AUTH)."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:forgotten (revoked where offered and reachable; a failure is said on stderr), or nothing stored",
            "1:a bad config, an unknown server, or the token store cannot be changed", "2:usage error"})
public final class AuthLogoutCommand implements Callable<Integer> {

    private final ConfigLoader loader;
    private final ObjectMapper json;

    @Spec
    private CommandSpec spec;

    @Mixin
    private AuthOptions options;

    @Parameters(index = "0", paramLabel = "SERVER", description = "the server, as named in the config")
    private String server;

    @Inject
    public AuthLogoutCommand(ConfigLoader loader, ObjectMapper json) {
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
        // A server gone from the config can still be logged out of: the stored file names its issuer and client.
        String name = servers.find(server).map(ServerSpec::name).orElse(server);
        List<StoredAuthorization> stored;
        TokenStore store;
        try {
            stored = servers.stored().stream().filter(s -> s.server().equals(name)).toList();
            if (stored.isEmpty() && servers.find(server).isEmpty()) {
                err.println("zeroclaw: no server '" + server + "' in " + servers.configFile() + " and no tokens stored for it");
                return ExitCodes.AUTH_FAILED;
            }
            store = stored.isEmpty() ? null : servers.openStore();
        } catch (IOException e) {
            err.println("zeroclaw: " + e.getMessage());
            return ExitCodes.AUTH_FAILED;
        }
        ObjectNode document = json.createObjectNode().put("ok", true).put("server", name);
        ArrayNode logins = document.putArray("logins");
        StringBuilder text = new StringBuilder();
        if (stored.isEmpty()) {
            text.append("no tokens stored for ").append(name).append("; nothing to forget\n");
        }
        for (StoredAuthorization login : stored) {
            String issuer = login.tokens().issuer().toString();
            ObjectNode entry = logins.addObject().put("issuer", issuer);
            try {
                // A private_key_jwt client's key is in the config only: revoke as the configured client.
                Optional<List<String>> revoked = Revocation.revoke(servers.find(server)
                        .map(configured -> login.withConfiguredKey(configured.oauth())).orElse(login));
                entry.put("revocation", revoked.isPresent() ? "revoked" : "not offered");
                if (revoked.isPresent()) {
                    text.append("revoked at ").append(issuer).append(": ").append(String.join(", ", revoked.get())).append('\n');
                } else {
                    err.println("zeroclaw: " + issuer + " offers no token revocation (no revocation_endpoint): the tokens are"
                            + " forgotten here but stay valid there until they expire");
                }
            } catch (OAuthException e) {
                entry.put("revocation", "failed").put("revocation_error", e.getMessage());
                err.println("zeroclaw: revocation at " + issuer + " failed (" + e.getMessage() + "); the tokens are forgotten"
                        + " here anyway, and stay valid there until they expire");
            }
            try {
                store.delete(name, login.tokens().issuer());
                entry.put("deleted", true);
                text.append("forgot ").append(name).append("'s tokens from ").append(issuer).append(" (").append(store.directory())
                        .append(")\n");
            } catch (IOException e) {
                err.println("zeroclaw: cannot delete " + name + "'s tokens from " + issuer + ": " + e.getMessage());
                return ExitCodes.AUTH_FAILED;
            }
        }
        ObjectNode daemon = servers.tellDaemon(name, false, json);
        document.set("daemon", daemon);
        if (options.asJson) {
            out.println(document);
        } else {
            out.print(text);
            out.println(daemon.path("message").asText());
        }
        return ExitCodes.OK;
    }
}
