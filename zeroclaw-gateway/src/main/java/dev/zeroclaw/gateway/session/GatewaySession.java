package dev.zeroclaw.gateway.session;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * One client's MCP session at the gateway ({@code Mcp-Session-Id}). Notifications for the client
 * go to its GET stream; while none is open, they wait here, identical ones collapsed (a client
 * that reconnects hears each list change, and each updated resource, once) and at most
 * {@link #MAX_WAITING} of them.
 *
 * <p>Every mutable field is guarded by {@code this}.
 */
public final class GatewaySession {

    /** Distinct notifications kept for a client without a stream; later ones are dropped. */
    static final int MAX_WAITING = 1_000;
    /** A client's {@code clientInfo.name} is kept (and so logged and shown) at most this long, then "…". */
    public static final int MAX_CLIENT_NAME = 128;

    private final String id;
    private final String protocolVersion;
    private final String clientName;
    private final String clientVersion;
    private final JsonNode capabilities;
    private final Optional<String> bundle;
    private final long createdNanos;
    private volatile long lastSeenNanos;
    // The client's logging/setLevel; null until it asks (then servers' messages of every level pass).
    private volatile String logLevel;
    private SseStream stream;
    private final Set<String> waiting = new LinkedHashSet<>();
    private boolean closed;

    /** @param capabilities what the client declared in {@code initialize} ({@code sampling}, {@code roots}, …) */
    public GatewaySession(String id, String protocolVersion, String clientName, JsonNode capabilities, long nowNanos) {
        this(id, protocolVersion, clientName, "", capabilities, Optional.empty(), nowNanos);
    }

    /**
     * @param clientVersion the client's {@code clientInfo.version}, cut as its name is
     * @param bundle the alias of the bundle whose view the session has ({@code /mcp/<alias>}, a bundle's token); empty for all
     */
    public GatewaySession(String id, String protocolVersion, String clientName, String clientVersion, JsonNode capabilities,
            Optional<String> bundle, long nowNanos) {
        this.bundle = requireNonNull(bundle, "bundle is null");
        this.id = requireNonNull(id, "id is null");
        this.protocolVersion = requireNonNull(protocolVersion, "protocolVersion is null");
        this.clientName = cut(requireNonNull(clientName, "clientName is null"));
        this.clientVersion = cut(requireNonNull(clientVersion, "clientVersion is null"));
        this.capabilities = requireNonNull(capabilities, "capabilities is null").deepCopy();
        this.createdNanos = nowNanos;
        this.lastSeenNanos = nowNanos;
    }

    public String id() {
        return id;
    }

    /** The alias of the bundle the session sees, fixed when it began; empty for the whole gateway. */
    public Optional<String> bundle() {
        return bundle;
    }

    public String protocolVersion() {
        return protocolVersion;
    }

    /** The client's {@code clientInfo.name}, cut at {@link #MAX_CLIENT_NAME} characters. */
    public String clientName() {
        return clientName;
    }

    /** The client's {@code clientInfo.version} ("" when it sent none), cut as its name. */
    public String clientVersion() {
        return clientVersion;
    }

    // Whatever the client sent: a 3 MB name must not make 3 MB log lines.
    private static String cut(String text) {
        return text.length() <= MAX_CLIENT_NAME
                ? text
                : text.substring(0, Character.isHighSurrogate(text.charAt(MAX_CLIENT_NAME - 1))
                        ? MAX_CLIENT_NAME - 1 : MAX_CLIENT_NAME) + "…";
    }

    /** True when the client declared {@code capability} (a top-level key of its capabilities). */
    public boolean declares(String capability) {
        return capabilities.has(capability);
    }

    public long createdNanos() {
        return createdNanos;
    }

    public void logLevel(String level) {
        logLevel = level;
    }

    public String logLevel() {
        return logLevel;
    }

    public void seen(long nowNanos) {
        lastSeenNanos = nowNanos;
    }

    public long lastSeenNanos() {
        return lastSeenNanos;
    }

    /** Makes {@code next} the session's notification stream; an older one ends (one stream per session). */
    public void attach(SseStream next) {
        SseStream previous;
        Set<String> flush;
        synchronized (this) {
            if (closed) {
                next.close();
                return;
            }
            previous = stream;
            stream = next;
            flush = new LinkedHashSet<>(waiting);
            waiting.clear();
        }
        next.onClosed(() -> detach(next));
        if (previous != null) {
            previous.close();
        }
        flush.forEach(this::send);
    }

    /** Sends a parameterless notification, or keeps it until a stream opens. */
    public void notify(String method) {
        // The methods are the gateway's own constants, so no escaping is needed.
        send("{\"jsonrpc\":\"2.0\",\"method\":\"" + method + "\"}");
    }

    /** Sends one serialized JSON-RPC notification on the stream, or keeps it until a stream opens. */
    public void send(String message) {
        SseStream open;
        synchronized (this) {
            if (closed) {
                return;
            }
            open = stream;
            if (open == null || !open.isOpen()) {
                keep(message);
                return;
            }
        }
        if (!open.send(message)) {
            synchronized (this) {
                keep(message);
            }
        }
    }

    private void keep(String message) {
        if (waiting.size() < MAX_WAITING) {
            waiting.add(message);
        }
    }

    public synchronized boolean isClosed() {
        return closed;
    }

    /** Sends one message on the GET stream; false when none is open (nothing is kept for later). */
    public boolean sendNow(String message) {
        SseStream open;
        synchronized (this) {
            open = closed ? null : stream;
        }
        return open != null && open.send(message);
    }

    /** True when a stream is open. */
    public synchronized boolean streaming() {
        return stream != null && stream.isOpen();
    }

    public void keepAlive() {
        SseStream open;
        synchronized (this) {
            open = stream;
        }
        if (open != null) {
            open.keepAlive();
        }
    }

    /** Ends the session (DELETE, or the daemon stops): its stream ends, nothing more is sent. */
    public void close() {
        SseStream open;
        synchronized (this) {
            closed = true;
            open = stream;
            stream = null;
            waiting.clear();
        }
        if (open != null) {
            open.close();
        }
    }

    private synchronized void detach(SseStream ended) {
        if (stream == ended) {
            stream = null;
        }
    }
}
