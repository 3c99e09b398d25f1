package dev.zeroclaw.oauth;

import static java.util.Objects.requireNonNull;

import dev.zeroclaw.api.OAuthGrant;
import dev.zeroclaw.api.OAuthSettings;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

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
    // The server's last Bearer challenge: the next login follows it (its resource_metadata location, its scope).
    private Optional<BearerChallenge> lastChallenge = Optional.empty();
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
        try {
            return renewAfter(wwwAuthenticate);
        } catch (OAuthException e) {
            if (e.needsNewLogin() && wwwAuthenticate.flatMap(BearerChallenge::parse).isPresent()) {
                store.saveChallenge(server, wwwAuthenticate.get());
            }
            throw e;
        }
    }

    private String renewAfter(Optional<String> wwwAuthenticate) throws OAuthException, IOException {
        Optional<BearerChallenge> challenge = wwwAuthenticate.flatMap(BearerChallenge::parse);
        if (challenge.isPresent()) {
            lastChallenge = challenge;
        }
        target = Discovery.discover(serverUrl, challenge, configuredScopes());
        if (challenge.map(BearerChallenge::insufficientScope).orElse(false)) {
            stepUp(challenge.get());
        }
        if (settings.grant() == OAuthGrant.CLIENT_CREDENTIALS) {
            current = clientCredentials();
            return current.tokens().accessToken();
        }
        if (current == null) {
            current = stored();
        }
        renew();
        return current.tokens().accessToken();
    }

    /**
     * Starts a login: discovery, a client (configured; else the Client ID Metadata Document URL where the server
     * supports those; else registered), and the URL for the person to open. Discovery
     * follows the server's last challenge: where its metadata is, and the scope it asked for (a step-up login asks
     * for the scope the refusal named). The challenge is the one this instance saw, else the one the daemon kept in
     * the store, else what the server answers a request without a token.
     */
    public synchronized PendingAuthorization startLogin(URI redirectUri) throws OAuthException {
        target = Discovery.discover(serverUrl, loginChallenge(), configuredScopes());
        ClientIdentity client = configuredClient().orElse(null);
        if (client == null && target.supportsClientIdMetadataDocuments() && settings.clientMetadataUrl().isPresent()) {
            // MCP 2025-11-25: the document's URL is the client id; the server fetches it, nothing is registered.
            client = ClientIdentity.publicClient(settings.clientMetadataUrl().get());
        }
        if (client == null) {
            client = ClientRegistration.register(target, redirectUri);
        }
        return endpoint.start(target, client, redirectUri);
    }

    /** Redeems the callback and keeps the tokens; the running daemon reads them on its next {@link #accessToken()}. */
    public synchronized StoredAuthorization completeLogin(PendingAuthorization pending, URI callback) throws OAuthException, IOException {
        TokenSet tokens = endpoint.redeem(pending, callback);
        current = new StoredAuthorization(server, pending.client(), tokens);
        saveLogin(current);
        return current;
    }

    /**
     * Starts a device login (RFC 8628, {@code zeroclaw auth login --device}): discovery, a client (configured, or
     * registered for the device grant), and the user code to show. Refused before any registration when the
     * authorization server offers no device authorization.
     */
    public synchronized DeviceAuthorization startDeviceLogin(DeviceFlow flow) throws OAuthException {
        target = Discovery.discover(serverUrl, loginChallenge(), configuredScopes());
        DeviceFlow.endpoint(target);
        ClientIdentity client = configuredClient().orElse(null);
        if (client == null) {
            client = ClientRegistration.registerForDevice(target);
        }
        return flow.start(target, client);
    }

    /** Polls until the person approved, then keeps the tokens. The poll runs outside the lock: it takes minutes. */
    public StoredAuthorization completeDeviceLogin(DeviceFlow flow, DeviceAuthorization authorization)
            throws OAuthException, IOException, InterruptedException {
        StoredAuthorization stored = new StoredAuthorization(server, authorization.client(), flow.poll(authorization));
        synchronized (this) {
            current = stored;
            saveLogin(stored);
        }
        return stored;
    }

    /** A login answered the challenge that asked for it. */
    private void saveLogin(StoredAuthorization login) throws IOException {
        missing = null;
        store.save(login);
        store.deleteChallenge(server);
        lastChallenge = Optional.empty();
    }

    private Optional<BearerChallenge> loginChallenge() {
        if (lastChallenge.isPresent()) {
            return lastChallenge;
        }
        try {
            Optional<BearerChallenge> kept = store.challenge(server).flatMap(BearerChallenge::parse);
            if (kept.isPresent()) {
                return kept;
            }
        } catch (IOException e) {
            // An unreadable leftover: ask the server itself.
        }
        return ChallengeProbe.probe(serverUrl);
    }

    /** Forgets what this instance holds, so the next use reads the store again (after {@code zeroclaw auth login}). */
    public synchronized void reloadFromStore() {
        current = null;
        missing = null;
        target = null; // the new login may be at another authorization server: discover again
    }

    /**
     * A {@code 403 insufficient_scope}. A login (or a {@code client_credentials} token) that asks for the named scope
     * may help, once: when the tokens held already carry every scope named, asking again would loop forever (the
     * MCP spec asks clients to limit such retries), so it is an error, not a login to run.
     */
    private void stepUp(BearerChallenge challenge) throws OAuthException, IOException {
        Optional<String> wanted = challenge.scope();
        StoredAuthorization held = current != null || settings.grant() == OAuthGrant.CLIENT_CREDENTIALS
                ? current : store.load(server, target.issuer()).orElse(null);
        if (wanted.isPresent() && held != null && scopes(held.tokens().scope().orElse("")).containsAll(scopes(wanted.get()))) {
            throw new OAuthException("server '" + server + "' refuses with insufficient_scope although the token carries the"
                    + " scope it names ('" + wanted.get() + "'); not asking for it again");
        }
        if (settings.grant() != OAuthGrant.CLIENT_CREDENTIALS) {
            throw new OAuthException("server '" + server + "' asks for scope '" + target.scope().orElse("")
                    + "', more than the login granted: run zeroclaw auth login " + server, OAuthException.LOGIN_REQUIRED, null);
        }
    }

    private static Set<String> scopes(String scope) {
        return Arrays.stream(scope.trim().split("\\s+")).collect(Collectors.toSet());
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
                .orElseThrow(() -> new OAuthException("oauth_grant = \"client_credentials\" needs oauth_client_id and"
                        + " oauth_client_secret (or oauth_client_key)"));
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
        return found.withConfiguredKey(settings);
    }

    private static boolean sameResource(URI stored, URI discovered) {
        return Resources.canonical(stored).equals(Resources.canonical(discovered));
    }

    /**
     * The configured client; a key signs assertions (private_key_jwt), a secret goes the way the server's metadata
     * accepts (target must be discovered).
     */
    private Optional<ClientIdentity> configuredClient() {
        if (settings.clientKey().isPresent()) {
            return settings.clientId().map(id -> ClientIdentity.privateKeyJwt(id, settings.clientKey().get(), settings.clientKeyId()));
        }
        return settings.clientId().map(id -> settings.clientSecret()
                .map(secret -> ClientIdentity.confidential(id, secret, target.metadata().getTokenEndpointAuthMethods()))
                .orElseGet(() -> ClientIdentity.publicClient(id)));
    }

    private Optional<String> configuredScopes() {
        return settings.scopes().isEmpty() ? Optional.empty() : Optional.of(String.join(" ", settings.scopes()));
    }
}
