package dev.zeroclaw.gateway.http;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zeroclaw.api.DaemonSettings;
import dev.zeroclaw.gateway.metrics.GatewayMetrics;
import dev.zeroclaw.gateway.protocol.GatewayProtocol;
import dev.zeroclaw.gateway.session.GatewaySessions;
import dev.zeroclaw.supervisor.ServerRegistry;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
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
 * {@code mcp.gateway.auth_token_env} names an environment variable holding the token. The listen
 * address and the token are read at daemon start.
 *
 * <p>Its fields are written by the daemon's main thread in {@link #start} and {@link #close};
 * {@code ready} and {@code error} are read by status and health requests on other threads.
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
    private Server server;
    private ScheduledFuture<?> sweeps;
    private volatile String listen;
    private volatile String url;
    private volatile String error;
    private volatile boolean authenticated;
    private volatile boolean ready;

    public GatewayServer(GatewayProtocol protocol, GatewaySessions sessions, GatewayMetrics metrics, ServerRegistry registry,
            ObjectMapper json, ScheduledExecutorService timers) {
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
    public void start(DaemonSettings settings, Optional<GatewayToken> token) throws GatewayRefusedException {
        requireNonNull(settings, "settings is null");
        requireNonNull(token, "token is null");
        listen = settings.gatewayListen();
        int colon = listen.lastIndexOf(':');
        String host = listen.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port = Integer.parseInt(listen.substring(colon + 1));
        InetAddress address;
        try {
            address = InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new GatewayRefusedException("mcp.gateway.listen: unknown host '" + host + "'");
        }
        // A generated token lives in the runtime directory, out of a remote client's reach, and changes at each start.
        if (!address.isLoopbackAddress() && token.filter(chosen -> !chosen.generated()).isEmpty()) {
            throw new GatewayRefusedException("mcp.gateway.listen = \"" + listen + "\" is not a loopback address: any host"
                    + " could call every server. Set mcp.gateway.auth_token_env to the name of an environment variable"
                    + " holding a bearer token, or listen on 127.0.0.1");
        }
        authenticated = token.isPresent();
        // A request holds a thread only while it is parsed and routed (the server's answer completes it
        // on the transport's reader), or while a plugin transport's send blocks; idle threads above the
        // minimum end after a minute. The acceptor and the selector take two; one more waits for the next request.
        QueuedThreadPool threads = new QueuedThreadPool(MAX_THREADS, MIN_THREADS);
        threads.setName("zeroclaw-gateway");
        threads.setDaemon(true);
        server = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        // One acceptor and one selector: a few local clients, on a small machine.
        ServerConnector connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(http));
        connector.setHost(address.getHostAddress());
        connector.setPort(port);
        connector.setIdleTimeout(IDLE_TIMEOUT_MS);
        server.addConnector(connector);
        server.setHandler(new McpEndpoint(protocol, sessions, metrics, registry, json, token.map(GatewayToken::value), () -> ready,
                address.isLoopbackAddress()));
        try {
            server.start();
        } catch (Exception e) {
            error = "could not listen on " + listen + ": " + e.getMessage();
            log.error("gateway {}; MCP clients cannot connect until the daemon restarts with a free address", error);
            stopJetty();
            return;
        }
        String shownHost = address.getHostAddress().contains(":") ? "[" + address.getHostAddress() + "]" : address.getHostAddress();
        url = "http://" + shownHost + ":" + connector.getLocalPort() + "/mcp";
        sweeps = timers.scheduleAtFixedRate(sessions::sweep, SWEEP_SECONDS, SWEEP_SECONDS, TimeUnit.SECONDS);
        log.info("gateway listening url={} auth={} token={}", url, authenticated ? "bearer" : "none",
                token.map(chosen -> chosen.generated() ? "generated" : "auth_token_env").orElse("none"));
        if (!authenticated) {
            log.warn("gateway auth=none: every local user can call every server with the daemon user's rights;"
                    + " remove auth = \"none\" from [mcp.gateway] to require the generated token");
        }
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
        status.put("error", error);
        status.put("sessions", sessions.size());
        status.put("streams", sessions.streaming());
        status.put("calls", metrics.callsByServer());
        return status;
    }

    @Override
    public void close() {
        ready = false;
        if (sweeps != null) {
            sweeps.cancel(false);
        }
        sessions.closeAll();
        stopJetty();
    }

    private void stopJetty() {
        if (server == null) {
            return;
        }
        try {
            server.setStopTimeout(1_000);
            server.stop();
        } catch (Exception e) {
            log.warn("gateway did not stop cleanly: {}", e.toString());
        }
        server = null;
    }
}
