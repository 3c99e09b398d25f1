package dev.zeroclaw.gateway.http;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zeroclaw.api.DaemonSettings;
import dev.zeroclaw.api.GatewayListen;
import dev.zeroclaw.api.GatewayOAuth;
import dev.zeroclaw.gateway.metrics.GatewayMetrics;
import dev.zeroclaw.gateway.protocol.GatewayProtocol;
import dev.zeroclaw.gateway.session.GatewaySessions;
import dev.zeroclaw.gateway.view.BundleViews;
import dev.zeroclaw.supervisor.ServerRegistry;
import dev.zeroclaw.supervisor.ServerStatus;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's HTTP server (Jetty 12) on {@code mcp.gateway.listen}. Every request carries a
 * bearer token ({@link GatewayToken}) unless the operator wrote {@code auth = "none"}, which is
 * logged as a warning at start: on a loopback address every local user could otherwise call every
 * server with the daemon user's rights. Any other address is refused unless
 * {@code mcp.gateway.auth_token_env} names an environment variable holding the token
 * ({@link GatewayListen}). The token is read at daemon start; the listen address at start and at
 * each reload ({@link #relisten}).
 *
 * <p>Its fields are written under {@code this} by the daemon's main thread in {@link #start} and
 * {@link #close} and by the reload thread in {@link #relisten}; the volatile ones are read by status
 * and health requests on other threads.
 */
public final class GatewayServer implements AutoCloseable {

    /** Keep-alive comments on open streams, well within the connector's idle timeout. */
    static final long SWEEP_SECONDS = 15;
    static final long IDLE_TIMEOUT_MS = 60_000;
    /** Jetty's threads: the acceptor, the selector, and workers as the load needs them (see {@link #start}). */
    static final int MAX_THREADS = 16;
    static final int MIN_THREADS = 3;

    private static final Logger log = LoggerFactory.getLogger(GatewayServer.class);

    private final GatewayProtocol protocol;
    private final GatewaySessions sessions;
    private final GatewayMetrics metrics;
    private final ServerRegistry registry;
    private final ObjectMapper json;
    private final ScheduledExecutorService timers;
    private final BundleViews views;
    private final Function<GatewayOAuth, AccessTokenCheck> accessTokens;
    private Server server;
    private ScheduledFuture<?> sweeps;
    private volatile String listen;
    private volatile String url;
    private volatile String error;
    private volatile boolean authenticated;
    private volatile boolean ready;
    private volatile String tokenSource = "none";
    private volatile String tokenEnv;
    // Guarded by this: the token of the start, null before it.
    private Optional<GatewayToken> token;
    // Guarded by this: oauth_issuer and its keys as of the start (they apply at the next start).
    private Optional<GatewayOAuth> oauthSettings = Optional.empty();
    private Optional<ProtectedResource> oauth = Optional.empty();

    /** @param accessTokens the check of {@code oauth_issuer}'s access tokens, made at start when the settings name one */
    public GatewayServer(GatewayProtocol protocol, GatewaySessions sessions, GatewayMetrics metrics, ServerRegistry registry,
            ObjectMapper json, ScheduledExecutorService timers, BundleViews views, Function<GatewayOAuth, AccessTokenCheck> accessTokens) {
        this.accessTokens = requireNonNull(accessTokens, "accessTokens is null");
        this.views = requireNonNull(views, "views is null");
        this.protocol = requireNonNull(protocol, "protocol is null");
        this.sessions = requireNonNull(sessions, "sessions is null");
        this.metrics = requireNonNull(metrics, "metrics is null");
        this.registry = requireNonNull(registry, "registry is null");
        this.json = requireNonNull(json, "json is null");
        this.timers = requireNonNull(timers, "timers is null");
    }

    /**
     * Listens on {@code settings}' address. Unsafe settings throw; a failure to bind (the port is
     * taken) is logged and shown by {@code zeroclaw status}, and the daemon runs on without it.
     *
     * @param token what every request must carry ({@link GatewayToken#forSettings}); empty for {@code auth = "none"}
     */
    public synchronized void start(DaemonSettings settings, Optional<GatewayToken> token) throws GatewayRefusedException {
        requireNonNull(settings, "settings is null");
        requireNonNull(token, "token is null");
        listen = settings.gatewayListen();
        GatewayListen.Result allowed = allowed(settings.gatewayListen(), token);
        if (allowed.refusal().isPresent()) {
            throw new GatewayRefusedException(allowed.refusal().get());
        }
        GatewayListen address = allowed.listen().orElseThrow();
        this.token = token;
        authenticated = token.isPresent();
        tokenSource = token.map(chosen -> chosen.generated() ? "generated" : "auth_token_env").orElse("none");
        tokenEnv = token.filter(chosen -> !chosen.generated()).flatMap(chosen -> settings.gatewayAuthTokenEnv()).orElse(null);
        oauthSettings = settings.gatewayOAuth();
        oauth = oauthSettings.map(chosen -> new ProtectedResource(chosen, accessTokens.apply(chosen), () -> url));
        try {
            server = listenOn(address);
        } catch (Exception e) {
            error = "could not listen on " + listen + ": " + e.getMessage();
            log.error("gateway {}; MCP clients cannot connect until the daemon restarts with a free address", error);
            return;
        }
        url = urlOf(server);
        sweeps = timers.scheduleAtFixedRate(sessions::sweep, SWEEP_SECONDS, SWEEP_SECONDS, TimeUnit.SECONDS);
        log.info("gateway listening url={} auth={} token={}", url, authenticated ? "bearer" : "none", tokenSource);
        oauth.ifPresent(resource -> log.info("gateway oauth issuer={} resource={}", oauthSettings.orElseThrow().issuer(),
                resource.resource()));
        if (!authenticated) {
            log.warn("gateway auth=none: every local user can call every server with the daemon user's rights;"
                    + " remove auth = \"none\" from [mcp.gateway] to require the generated token");
        }
    }

    /**
     * A reload's {@code mcp.gateway.listen}: when it changed, the new address is bound first and the
     * old one closed only then, so a failed bind keeps the gateway where it was. Sessions live on:
     * a client whose stream closed with the old address reconnects to the new one under the same
     * session. The token stays the one of the start (auth settings take effect at the next start).
     *
     * @return why the gateway still listens elsewhere; empty when it listens on {@code settings}' address
     */
    public synchronized Optional<String> relisten(DaemonSettings settings) {
        requireNonNull(settings, "settings is null");
        if (token == null || settings.gatewayListen().equals(listen) && server != null) {
            // Never started (or refused at start): the next start reads the settings anyway.
            return Optional.empty();
        }
        String stays = server == null ? "; the gateway still listens nowhere" : "; the gateway stays on " + listen;
        GatewayListen.Result allowed = allowed(settings.gatewayListen(), token);
        if (allowed.refusal().isPresent()) {
            log.error("gateway {}{}", allowed.refusal().get(), stays);
            return Optional.of(allowed.refusal().get() + stays);
        }
        Server next;
        try {
            next = listenOn(allowed.listen().orElseThrow());
        } catch (Exception e) {
            String why = "could not listen on " + settings.gatewayListen() + ": " + e.getMessage() + stays;
            log.error("gateway {}", why);
            return Optional.of(why);
        }
        Server old = server;
        String oldUrl = url;
        server = next;
        listen = settings.gatewayListen();
        url = urlOf(next);
        error = null;
        if (sweeps == null) {
            sweeps = timers.scheduleAtFixedRate(sessions::sweep, SWEEP_SECONDS, SWEEP_SECONDS, TimeUnit.SECONDS);
        }
        stop(old);
        log.info("gateway moved url={} from={}", url, oldUrl);
        return Optional.empty();
    }

    /** Why a reload's {@code oauth_*} keys of {@code [mcp.gateway]} are not what runs; empty when they are. */
    public synchronized Optional<String> unapplied(DaemonSettings settings) {
        requireNonNull(settings, "settings is null");
        if (token == null || settings.gatewayOAuth().equals(oauthSettings)) {
            return Optional.empty();
        }
        return Optional.of("[mcp.gateway] oauth_issuer, oauth_audience, oauth_jwks_url or oauth_scope changed; that applies when the daemon restarts");
    }

    private static GatewayListen.Result allowed(String listen, Optional<GatewayToken> token) {
        return GatewayListen.of(listen, token.filter(chosen -> !chosen.generated()).isPresent());
    }

    /** A started Jetty on {@code address}; a failed start leaves nothing running. */
    private Server listenOn(GatewayListen address) throws Exception {
        // A request holds a thread only while it is parsed and routed (the server's answer completes it
        // on the transport's reader), or while a plugin transport's send blocks; idle threads above the
        // minimum end after a minute. The acceptor and the selector take two; one more waits for the next request.
        QueuedThreadPool threads = new QueuedThreadPool(MAX_THREADS, MIN_THREADS);
        threads.setName("zeroclaw-gateway");
        threads.setDaemon(true);
        Server jetty = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        // One acceptor and one selector: a few local clients, on a small machine.
        ServerConnector connector = new ServerConnector(jetty, 1, 1, new HttpConnectionFactory(http));
        connector.setHost(address.address().getHostAddress());
        connector.setPort(address.port());
        connector.setIdleTimeout(IDLE_TIMEOUT_MS);
        jetty.addConnector(connector);
        jetty.setHandler(new McpEndpoint(protocol, sessions, metrics, registry, json, token.map(GatewayToken::value), () -> ready,
                address.loopback(), views, oauth));
        try {
            jetty.start();
        } catch (Exception e) {
            stop(jetty);
            throw e;
        }
        return jetty;
    }

    private static String urlOf(Server jetty) {
        ServerConnector connector = (ServerConnector) jetty.getConnectors()[0];
        String host = connector.getHost();
        String shownHost = host.contains(":") ? "[" + host + "]" : host;
        return "http://" + shownHost + ":" + connector.getLocalPort() + "/mcp";
    }

    /** From now on {@code /healthz} answers 200: the daemon has started its servers. */
    public void ready() {
        ready = true;
    }

    /** The gateway part of {@code zeroclaw status}: where it listens, sessions, calls per server. Never the token. */
    public Map<String, Object> status() {
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("listen", listen);
        status.put("url", url);
        status.put("auth", authenticated ? "bearer" : "none");
        // Where a client finds the token (zeroclaw connect asks): the variable's name, never a value.
        status.put("token", tokenSource);
        status.put("auth_token_env", tokenEnv);
        status.put("oauth_issuer", oauthSettings.map(chosen -> chosen.issuer().toString()).orElse(null));
        status.put("error", error);
        status.put("sessions", sessions.size());
        status.put("streams", sessions.streaming());
        status.put("calls", metrics.callsByServer());
        return status;
    }

    /** The bundles part of {@code zeroclaw status}: each one's alias, servers in its view, sessions. Never a token. */
    public List<Map<String, Object>> bundles() {
        return views.status(registry.statuses().stream().map(ServerStatus::name).toList());
    }

    @Override
    public synchronized void close() {
        ready = false;
        if (sweeps != null) {
            sweeps.cancel(false);
        }
        sessions.closeAll();
        if (server != null) {
            stop(server);
            server = null;
        }
    }

    private static void stop(Server jetty) {
        try {
            jetty.setStopTimeout(1_000);
            jetty.stop();
        } catch (Exception e) {
            log.warn("gateway did not stop cleanly: {}", e.toString());
        }
    }
}
