package dev.zeroclaw.gateway.session;

import com.fasterxml.jackson.databind.JsonNode;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The clients' sessions, by {@code Mcp-Session-Id}. A session ends on DELETE, when the daemon
 * stops, or after {@link #IDLE_LIMIT} without a request or an open stream (a client that vanished
 * without saying goodbye).
 */
public final class GatewaySessions {

    static final Duration IDLE_LIMIT = Duration.ofHours(1);

    private final SecureRandom random = new SecureRandom();
    private final Map<String, GatewaySession> sessions = new ConcurrentHashMap<>();

    public GatewaySessions() {}

    public GatewaySession create(String protocolVersion, String clientName, JsonNode capabilities) {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        GatewaySession session = new GatewaySession(HexFormat.of().formatHex(bytes), protocolVersion, clientName, capabilities,
                System.nanoTime());
        sessions.put(session.id(), session);
        return session;
    }

    public Optional<GatewaySession> find(String id) {
        return Optional.ofNullable(sessions.get(id));
    }

    public void remove(GatewaySession session) {
        sessions.remove(session.id(), session);
        session.close();
    }

    /** Tells every session (now, or when its stream opens) that a list changed. */
    public void broadcast(String method) {
        sessions.values().forEach(session -> session.notify(method));
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
        long now = System.nanoTime();
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
