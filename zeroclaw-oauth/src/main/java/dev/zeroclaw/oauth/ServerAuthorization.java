package dev.zeroclaw.oauth;

import static java.util.Objects.requireNonNull;

import dev.zeroclaw.api.OAuthGrant;
import dev.zeroclaw.api.OAuthSettings;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * One remote server's OAuth, as its connection needs it: the access token to send (refreshed shortly before it
 * expires), what to do after a {@code 401} (refresh, or a new {@code client_credentials} token), and the login
 * that puts the first tokens in the {@link TokenStore}. A failure that only a person can fix
 * ({@link OAuthException#needsNewLogin()}) is the caller's cue for NEEDS_AUTH.
 *
 * <p>Thread safety: every public method is {@code synchronized}: one refresh at a time per server, so a rotated
 * refresh token is never used twice.
 */
public final class ServerAuthorization {

    private final String server;
    private final URI serverUrl;
    private final OAuthSettings settings;
    private final TokenStore store;
    private final TokenEndpoint endpoint;
    private final Clock clock;

    // Guarded by this. Found by discovery on first use and after a 401 (the challenge may point elsewhere).
    private AuthorizationTarget target;
    private StoredAuthorization current;
    // Guarded by this. The store had no usable tokens: kept until reloadFromStore() or a login, so a server
    // without a login does not list the token directory on every request.
    private OAuthException missing;

    public ServerAuthorization(String server, URI serverUrl, OAuthSettings settings, TokenStore store, Clock clock) {
        this.server = requireNonNull(server, "server is null");
        this.serverUrl = requireNonNull(serverUrl, "serverUrl is null");
        this.settings = requireNonNull(settings, "settings is null");
        this.store = requireNonNull(store, "store is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.endpoint = new TokenEndpoint(clock);
    }

    /** The access token for the next request; refreshed first when it expires within {@link TokenSet#REFRESH_MARGIN}. */
    public synchronized String accessToken() throws OAuthException, IOException {
        if (current == null) {
            current = settings.grant() == OAuthGrant.CLIENT_CREDENTIALS ? clientCredentials() : stored();
        }
        if (current.tokens().needsRefresh(clock.instant())) {
            renew();
        }
        return current.tokens().accessToken();
    }

    /**
     * The server answered {@code 401} with this {@code WWW-Authenticate} header (or none): the token is renewed,
     * and the new one returned for the retry. A challenge for more scope than the login granted needs a new login
     * with that scope (step-up), except for {@code client_credentials}, which asks for it itself.
     */
    public synchronized String afterUnauthorized(Optional<String> wwwAuthenticate) throws OAuthException, IOException {
        Optional<BearerChallenge> challenge = wwwAuthenticate.flatMap(BearerChallenge::parse);
        target = Discovery.discover(serverUrl, challenge, configuredScopes());
        if (settings.grant() == OAuthGrant.CLIENT_CREDENTIALS) {
            current = clientCredentials();
            return current.tokens().accessToken();
        }
        if (challenge.map(BearerChallenge::insufficientScope).orElse(false)) {
            throw new OAuthException("server '" + server + "' asks for scope '" + target.scope().orElse("")
                    + "', more than the login granted: run zeroclaw auth login " + server, OAuthException.LOGIN_REQUIRED, null);
        }
        if (current == null) {
            current = stored();
        }
        renew();
        return current.tokens().accessToken();
    }

    /** Starts a login: discovery, a client (configured or registered), and the URL for the person to open. */
    public synchronized PendingAuthorization startLogin(URI redirectUri) throws OAuthException {
        target = Discovery.discover(serverUrl, Optional.empty(), configuredScopes());
        ClientIdentity client = configuredClient().orElse(null);
        if (client == null) {
            client = ClientRegistration.register(target, redirectUri);
        }
        return endpoint.start(target, client, redirectUri);
    }

    /** Redeems the callback and keeps the tokens; the running daemon reads them on its next {@link #accessToken()}. */
    public synchronized StoredAuthorization completeLogin(PendingAuthorization pending, URI callback) throws OAuthException, IOException {
        TokenSet tokens = endpoint.redeem(pending, callback);
        current = new StoredAuthorization(server, pending.client(), tokens);
        missing = null;
        store.save(current);
        return current;
    }

    /** Forgets what this instance holds, so the next use reads the store again (after {@code zeroclaw auth login}). */
    public synchronized void reloadFromStore() {
        current = null;
        missing = null;
    }

    private void renew() throws OAuthException, IOException {
        if (settings.grant() == OAuthGrant.CLIENT_CREDENTIALS) {
            current = clientCredentials();
            return;
        }
        if (target == null) {
            target = Discovery.discover(serverUrl, Optional.empty(), configuredScopes());
        }
        if (!current.tokens().issuer().equals(target.issuer()) || !sameResource(current.tokens().resource(), target.resource())) {
            // The server now names another authorization server or resource: its refresh token must not go there.
            current = elsewhere(current);
            if (!current.tokens().needsRefresh(clock.instant())) {
                return;
            }
        }
        TokenSet refreshed;
        try {
            refreshed = endpoint.refresh(target, current.client(), current.tokens());
        } catch (OAuthException e) {
            if (!e.needsNewLogin()) {
                throw e;
            }
            // The operator reads this in status and in the gateway's error: the command first, the cause after.
            throw new OAuthException("server '" + server + "' needs an OAuth login: run zeroclaw auth login " + server
                    + " (" + e.getMessage() + ")", e.errorCode().orElse(null), e);
        }
        current = new StoredAuthorization(server, current.client(), refreshed);
        store.save(current);
    }

    private StoredAuthorization clientCredentials() throws OAuthException, IOException {
        if (target == null) {
            target = Discovery.discover(serverUrl, Optional.empty(), configuredScopes());
        }
        ClientIdentity client = configuredClient()
                .orElseThrow(() -> new OAuthException("oauth_grant = \"client_credentials\" needs oauth_client_id and oauth_client_secret"));
        StoredAuthorization fresh = new StoredAuthorization(server, client, endpoint.clientCredentials(target, client));
        store.save(fresh);
        return fresh;
    }

    /**
     * The stored login this server may use: one for the resource its {@code url} names (a changed url keeps its
     * tokens when the resource is the same) and for the configured {@code oauth_client_id}, if there is one.
     */
    private StoredAuthorization stored() throws OAuthException, IOException {
        if (missing != null) {
            throw new OAuthException(missing.getMessage(), OAuthException.LOGIN_REQUIRED, null);
        }
        List<StoredAuthorization> stored = target != null
                ? store.load(server, target.issuer()).map(List::of).orElse(List.of())
                : store.load(server);
        try {
            return usable(stored, serverUrl);
        } catch (OAuthException e) {
            missing = e;
            throw e;
        }
    }

    /** The login at the authorization server discovery now names, for the resource it names; else a new login. */
    private StoredAuthorization elsewhere(StoredAuthorization old) throws OAuthException, IOException {
        List<StoredAuthorization> there = store.load(server, target.issuer())
                .filter(candidate -> sameResource(candidate.tokens().resource(), target.resource()))
                .map(List::of).orElse(List.of());
        if (there.isEmpty()) {
            current = null;
            missing = new OAuthException("server '" + server + "' now uses authorization server " + target.issuer()
                    + " for resource " + Resources.canonical(target.resource()) + "; its login is from " + old.tokens().issuer()
                    + " for " + Resources.canonical(old.tokens().resource()) + ": run zeroclaw auth login " + server,
                    OAuthException.LOGIN_REQUIRED, null);
            throw missing;
        }
        return usable(there, target.resource());
    }

    private StoredAuthorization usable(List<StoredAuthorization> stored, URI resource) throws OAuthException {
        if (stored.isEmpty()) {
            throw OAuthException.loginRequired(server);
        }
        List<StoredAuthorization> forResource = stored.stream()
                .filter(candidate -> Resources.covers(candidate.tokens().resource(), resource)).toList();
        if (forResource.isEmpty()) {
            // The url now names another resource: the old tokens are not sent to it.
            throw new OAuthException("server '" + server + "' has an OAuth login for " + Resources.canonical(stored.get(0).tokens().resource())
                    + ", not for " + Resources.canonical(resource) + ": run zeroclaw auth login " + server, OAuthException.LOGIN_REQUIRED, null);
        }
        StoredAuthorization found = forResource.get(0);
        Optional<String> configuredId = settings.clientId();
        if (configuredId.isPresent() && !configuredId.get().equals(found.client().clientId())) {
            // Tokens belong to the client they were issued to; refreshing them as another client fails at best.
            throw new OAuthException("server '" + server + "' logged in as OAuth client '" + found.client().clientId()
                    + "', but its oauth_client_id is now '" + configuredId.get() + "': run zeroclaw auth login " + server,
                    OAuthException.LOGIN_REQUIRED, null);
        }
        return found;
    }

    private static boolean sameResource(URI stored, URI discovered) {
        return Resources.canonical(stored).equals(Resources.canonical(discovered));
    }

    private Optional<ClientIdentity> configuredClient() {
        return settings.clientId().map(id -> settings.clientSecret()
                .map(secret -> ClientIdentity.confidential(id, secret))
                .orElseGet(() -> ClientIdentity.publicClient(id)));
    }

    private Optional<String> configuredScopes() {
        return settings.scopes().isEmpty() ? Optional.empty() : Optional.of(String.join(" ", settings.scopes()));
    }
}
