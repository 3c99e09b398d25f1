package dev.zeroclaw.daemon.oauth;

import static java.util.Objects.requireNonNull;

import dev.zeroclaw.api.ServerSpec;
import dev.zeroclaw.api.transport.RequestAuthorization;
import dev.zeroclaw.oauth.OAuthRequestAuthorization;
import dev.zeroclaw.oauth.ServerAuthorization;
import dev.zeroclaw.oauth.TokenStore;
import dev.zeroclaw.signal.StateDirectory;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The {@link RequestAuthorization} of each server at its launch: OAuth from the token store for an {@code http} or
 * {@code sse} server, nothing for the others. The store is opened at the first remote server (the state directory is made
 * {@code 0700} then), so a daemon with only local servers never creates it.
 */
public final class OAuthAuthorizations implements Function<ServerSpec, RequestAuthorization> {

    private static final Set<String> REMOTE_TRANSPORTS = Set.of("http", "sse");

    private final Supplier<StateDirectory> directory;
    private final Clock clock;
    // Opened once; a reload does not move the tokens. Guarded by this.
    private TokenStore store;
    // The authorization of each server's newest instance, for zeroclaw auth login and logout. Guarded by this.
    private final Map<String, ServerAuthorization> newest = new HashMap<>();

    public OAuthAuthorizations(Supplier<StateDirectory> directory, Clock clock) {
        this.directory = requireNonNull(directory, "directory is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    @Override
    public RequestAuthorization apply(ServerSpec spec) {
        // The built-in remote transports ask for the header; plugins get NONE.
        if (!REMOTE_TRANSPORTS.contains(spec.transport()) || spec.url().isEmpty()) {
            return RequestAuthorization.NONE;
        }
        URI url;
        try {
            url = URI.create(spec.url().get());
        } catch (IllegalArgumentException e) {
            return RequestAuthorization.NONE; // the transport refuses the url with its own message
        }
        TokenStore tokens;
        try {
            tokens = store();
        } catch (IOException e) {
            return unusable("the OAuth token store is unusable: " + e.getMessage());
        }
        ServerAuthorization authorization = new ServerAuthorization(spec.name(), url, spec.oauth(), tokens, clock);
        synchronized (this) {
            newest.put(spec.name(), authorization);
        }
        return new OAuthRequestAuthorization(authorization, !spec.oauth().isNone());
    }

    /**
     * After {@code zeroclaw auth login} or {@code logout}: the server's running authorization forgets the tokens it
     * holds and reads the store again at its next request. False when the server never had one (not remote).
     */
    public boolean reread(String server) {
        ServerAuthorization authorization;
        synchronized (this) {
            authorization = newest.get(server);
        }
        if (authorization == null) {
            return false;
        }
        authorization.reloadFromStore();
        return true;
    }

    private synchronized TokenStore store() throws IOException {
        if (store == null) {
            StateDirectory state = directory.get();
            state.create();
            store = TokenStore.open(state.path());
        }
        return store;
    }

    /** Fails every request with the reason, so the server's status says what is wrong. */
    private static RequestAuthorization unusable(String reason) {
        return new RequestAuthorization() {
            @Override
            public Optional<String> header() throws IOException {
                throw new IOException(reason);
            }

            @Override
            public boolean renewAfterUnauthorized(Optional<String> wwwAuthenticate) throws IOException {
                throw new IOException(reason);
            }
        };
    }
}
