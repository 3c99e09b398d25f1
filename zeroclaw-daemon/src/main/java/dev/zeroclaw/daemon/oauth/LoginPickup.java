package dev.zeroclaw.daemon.oauth;

import static java.util.Objects.requireNonNull;

import dev.zeroclaw.supervisor.ServerRegistry;
import dev.zeroclaw.supervisor.ServerState;
import dev.zeroclaw.supervisor.ServerStatus;
import dev.zeroclaw.supervisor.ServerSupervisor;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The control command {@code {"command": "auth-changed", "server": "x"}} that {@code zeroclaw auth login} and
 * {@code logout} send: the token store changed for {@code x}, so the daemon uses it at once, without a reload. The
 * server's authorization forgets what it holds (the next request reads the store: a new account, a step-up, or no
 * tokens after a logout); a server waiting in NEEDS_AUTH starts again now.
 */
public final class LoginPickup {

    /** How long the reply waits for a server started from NEEDS_AUTH to settle (READY, or why not). */
    static final Duration START_PATIENCE = Duration.ofSeconds(30);

    private static final Logger log = LoggerFactory.getLogger(LoginPickup.class);

    private final ServerRegistry registry;
    private final OAuthAuthorizations authorizations;

    public LoginPickup(ServerRegistry registry, OAuthAuthorizations authorizations) {
        this.registry = requireNonNull(registry, "registry is null");
        this.authorizations = requireNonNull(authorizations, "authorizations is null");
    }

    /**
     * The reply document: {@code ok}, {@code server}, {@code before} (its state when the command came),
     * {@code action} ({@code started} or {@code reread}), {@code state} and {@code last_error} after; for an
     * unknown server {@code ok: false} and an {@code error}.
     */
    public Map<String, Object> authChanged(String server) {
        Map<String, Object> reply = new LinkedHashMap<>();
        Optional<ServerSupervisor> found = registry.find(server);
        if (found.isEmpty()) {
            reply.put("ok", false);
            reply.put("error", "unknown server '" + server + "': the running daemon has no such server (reload it if the"
                    + " config gained one); the login is kept and used when the server starts");
            return reply;
        }
        ServerSupervisor supervisor = found.get();
        ServerState before = supervisor.state();
        authorizations.reread(server);
        String action = "reread";
        if (before == ServerState.NEEDS_AUTH) {
            action = "started";
            log.info("server={} OAuth login changed: starting it again (was NEEDS_AUTH)", server);
            settle(supervisor.start());
        } else {
            log.info("server={} OAuth login changed: its next request reads the token store (state={})", server, before);
        }
        ServerStatus after = supervisor.status();
        reply.put("ok", true);
        reply.put("server", server);
        reply.put("before", before.name());
        reply.put("action", action);
        reply.put("state", after.state().name());
        reply.put("last_error", after.lastError());
        return reply;
    }

    private static void settle(CompletableFuture<ServerState> started) {
        try {
            started.get(START_PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // The reply carries the state it is in now; status tells the rest.
        }
    }
}
