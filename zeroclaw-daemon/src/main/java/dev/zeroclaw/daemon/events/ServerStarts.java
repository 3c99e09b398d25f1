package dev.zeroclaw.daemon.events;

import static java.util.Objects.requireNonNull;

import dev.zeroclaw.diff.ReloadPlan;
import dev.zeroclaw.diff.ServerChange;
import dev.zeroclaw.supervisor.ServerState;
import dev.zeroclaw.supervisor.ServerStatus;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Each server's last {@link #MAX_STARTS} starts with their reasons, for {@code zeroclaw status <server>}.
 * The supervisors' events say when an instance started and what came before it (a crash's BACKOFF,
 * FAILED, a stop); a reload's starts happen before its report, so such a start's reason is
 * provisional until {@link #reloaded} names the reload's fields. A start that could not launch its
 * transport at all (no instance number, no pid) is not a start here; its error is in {@code status}.
 *
 * <p>Everything is guarded by {@code this}; the supervisors call under their own locks and only
 * take this one briefly, never the other way round.
 */
public final class ServerStarts {

    public static final int MAX_STARTS = 20;

    /** What a start still waits to hear from the reload that caused it. */
    private enum Pending { NONE, FIRST, RESTART, AFTER_FAILED }

    private static final class Entry {
        final ServerStart start;
        String reason;
        Pending pending;

        Entry(ServerStart start, Pending pending) {
            this.start = start;
            this.reason = start.reason();
            this.pending = pending;
        }
    }

    private static final class Server {
        final Deque<Entry> starts = new ArrayDeque<>();
        ServerState state = ServerState.STOPPED;
        ServerState beforeStarting = ServerState.STOPPED;
        String backoffError;
    }

    private final Clock clock;
    private final Map<String, Server> servers = new HashMap<>();

    public ServerStarts(Clock clock) {
        this.clock = requireNonNull(clock, "clock is null");
    }

    /** A server changed state (the supervisor's listener). */
    public synchronized void changed(ServerStatus status, ServerState previous) {
        Server server = servers.computeIfAbsent(status.name(), name -> new Server());
        if (status.state() == ServerState.BACKOFF) {
            server.backoffError = status.lastError();
        }
        if (status.state() == ServerState.STARTING) {
            server.beforeStarting = previous;
        }
        server.state = status.state();
    }

    /** A new instance of the server started its transport (the supervisor's listener). */
    public synchronized void launched(String name, long instance, OptionalLong pid) {
        Server server = servers.computeIfAbsent(name, key -> new Server());
        String reason;
        Pending pending;
        if (server.state == ServerState.READY) {
            // A start-first replacement: the old instance serves while the new one starts.
            reason = "restart";
            pending = Pending.RESTART;
        } else if (server.starts.isEmpty()) {
            reason = "first start";
            pending = Pending.FIRST;
        } else if (server.beforeStarting == ServerState.BACKOFF) {
            reason = server.backoffError == null ? "crash" : "crash: " + server.backoffError;
            pending = Pending.NONE;
        } else if (server.beforeStarting == ServerState.FAILED) {
            reason = "restart after FAILED";
            pending = Pending.AFTER_FAILED;
        } else {
            reason = "restart";
            pending = Pending.RESTART;
        }
        server.starts.addLast(new Entry(new ServerStart(clock.instant(), instance, pid, reason), pending));
        while (server.starts.size() > MAX_STARTS) {
            server.starts.removeFirst();
        }
    }

    /**
     * A reload applied {@code plan}: the starts it caused get their reasons, and the servers not in
     * {@code configured} (removed) are forgotten.
     */
    public synchronized void reloaded(ReloadPlan plan, Collection<String> configured) {
        for (String name : plan.added()) {
            pending(name, Pending.FIRST, Pending.RESTART).ifPresent(entry -> entry.reason = "added by reload");
        }
        for (ServerChange change : plan.restart()) {
            String fields = String.join(", ", change.fields());
            pending(change.name(), Pending.RESTART, Pending.AFTER_FAILED).ifPresent(entry -> entry.reason =
                    entry.pending == Pending.AFTER_FAILED ? "restart after FAILED by reload: " + fields : "reload restart: " + fields);
        }
        for (ServerChange change : plan.update()) {
            // A FAILED server whose live settings changed gets a fresh start.
            pending(change.name(), Pending.AFTER_FAILED, Pending.AFTER_FAILED).ifPresent(entry -> entry.reason =
                    "restart after FAILED by reload: " + String.join(", ", change.fields()));
        }
        for (Server server : servers.values()) {
            server.starts.forEach(entry -> entry.pending = Pending.NONE);
        }
        servers.keySet().retainAll(configured);
    }

    /** The newest start of {@code name} still waiting for its reload, if it waits for {@code one} or {@code other}. */
    private Optional<Entry> pending(String name, Pending one, Pending other) {
        Server server = servers.get(name);
        if (server == null) {
            return Optional.empty();
        }
        for (Iterator<Entry> newest = server.starts.descendingIterator(); newest.hasNext();) {
            Entry entry = newest.next();
            if (entry.pending == one || entry.pending == other) {
                return Optional.of(entry);
            }
        }
        return Optional.empty();
    }

    /** The server's last starts, oldest first. */
    public synchronized List<ServerStart> of(String name) {
        Server server = servers.get(name);
        if (server == null) {
            return List.of();
        }
        return server.starts.stream()
                .map(entry -> new ServerStart(entry.start.time(), entry.start.instance(), entry.start.pid(), entry.reason)).toList();
    }
}
