package dev.zeroclaw.gateway.session;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The clients' sessions, by {@code Mcp-Session-Id}. A session ends on DELETE, when the daemon
 * stops, or after {@link #IDLE_LIMIT} without a request or an open stream (a client that vanished
 * without saying goodbye). At most {@link #MAX_SESSIONS} live at once: a new one evicts the
 * longest idle session without a stream, or is refused when every session has one.
 */
public final class GatewaySessions {

    /** Ten minutes: a client that vanished costs little, one that pauses longer re-initializes (404). */
    public static final Duration IDLE_LIMIT = Duration.ofMinutes(10);
    /** Abandoned sessions must not grow the heap without bound (20k cost +55 MB). */
    public static final int MAX_SESSIONS = 1_000;

    private static final Logger log = LoggerFactory.getLogger(GatewaySessions.class);

    /** Hears sessions open and close ({@code zeroclaw events}), on the thread that did it: must not block. */
    public interface Listener {

        Listener NONE = new Listener() {
            @Override
            public void opened(GatewaySession session) {}

            @Override
            public void closed(GatewaySession session) {}
        };

        void opened(GatewaySession session);

        /** Once per session: after DELETE, the idle limit, an eviction, or the daemon's stop. */
        void closed(GatewaySession session);
    }

    private final SecureRandom random = new SecureRandom();
    private final Map<String, GatewaySession> sessions = new ConcurrentHashMap<>();
    private final Listener listener;

    public GatewaySessions() {
        this(Listener.NONE);
    }

    public GatewaySessions(Listener listener) {
        this.listener = requireNonNull(listener, "listener is null");
    }

    /** A new session; empty when {@link #MAX_SESSIONS} live and each has an open stream. */
    public Optional<GatewaySession> create(String protocolVersion, String clientName, JsonNode capabilities) {
        return create(protocolVersion, clientName, "", capabilities, Optional.empty());
    }

    /**
     * A new session of a client that said its {@code clientInfo.version} (for the audit log), on the view
     * of {@code bundle} (empty: all); empty when the sessions are at their limit.
     */
    public Optional<GatewaySession> create(String protocolVersion, String clientName, String clientVersion,
            JsonNode capabilities, Optional<String> bundle) {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        long now = System.nanoTime();
        GatewaySession session = new GatewaySession(HexFormat.of().formatHex(bytes), protocolVersion, clientName, clientVersion,
                capabilities, bundle, now);
        // Synchronized so that concurrent initializes cannot pass the cap together; find and remove stay lock-free.
        synchronized (this) {
            if (sessions.size() >= MAX_SESSIONS) {
                Optional<GatewaySession> idlest = sessions.values().stream()
                        .filter(candidate -> !candidate.streaming())
                        .min(Comparator.comparingLong(GatewaySession::lastSeenNanos));
                if (idlest.isEmpty()) {
                    return Optional.empty();
                }
                GatewaySession evicted = idlest.get();
                log.info("gateway session={} evicted: {} sessions is the limit; idle_s={}", evicted.id().substring(0, 8),
                        MAX_SESSIONS, Duration.ofNanos(now - evicted.lastSeenNanos()).toSeconds());
                remove(evicted);
            }
            sessions.put(session.id(), session);
        }
        listener.opened(session);
        return Optional.of(session);
    }

    public Optional<GatewaySession> find(String id) {
        return Optional.ofNullable(sessions.get(id));
    }

    public void remove(GatewaySession session) {
        boolean removed = sessions.remove(session.id(), session);
        session.close();
        if (removed) {
            listener.closed(session);
        }
    }

    /** Tells every session (now, or when its stream opens) that a list changed. */
    public void broadcast(String method) {
        sessions.values().forEach(session -> session.notify(method));
    }

    /** Tells the sessions {@code to} accepts (now, or when a stream opens) that a list changed. */
    public void broadcast(String method, Predicate<GatewaySession> to) {
        sessions.values().stream().filter(to).forEach(session -> session.notify(method));
    }

    /** How many sessions see the view of {@code bundle}. */
    public int onBundle(String bundle) {
        return (int) sessions.values().stream().filter(session -> session.bundle().equals(Optional.of(bundle))).count();
    }

    public int size() {
        return sessions.size();
    }

    /** Sessions with an open GET stream. */
    public int streaming() {
        return (int) sessions.values().stream().filter(GatewaySession::streaming).count();
    }

    List<GatewaySession> all() {
        return List.copyOf(sessions.values());
    }

    /** Keep-alive on every stream; forget sessions idle past {@link #IDLE_LIMIT}. Never blocks. */
    public void sweep() {
        sweep(System.nanoTime());
    }

    void sweep(long now) {
        for (GatewaySession session : sessions.values()) {
            if (session.streaming()) {
                session.seen(now);
                session.keepAlive();
            } else if (now - session.lastSeenNanos() > IDLE_LIMIT.toNanos()) {
                remove(session);
            }
        }
    }

    public void closeAll() {
        sessions.values().forEach(this::remove);
    }
}
