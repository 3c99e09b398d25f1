package dev.zeroclaw.gateway.lists;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zeroclaw.api.ServerSpec;
import dev.zeroclaw.api.ToolFilter;
import dev.zeroclaw.gateway.relay.ProgressRoutes;
import dev.zeroclaw.gateway.relay.ServerRequestRelay;
import dev.zeroclaw.gateway.routing.ReadyWaiters;
import dev.zeroclaw.gateway.routing.ResourceSubscriptions;
import dev.zeroclaw.gateway.session.GatewaySessions;
import dev.zeroclaw.gateway.view.BundleViews;
import dev.zeroclaw.supervisor.ServerState;
import dev.zeroclaw.supervisor.ServerStatus;
import dev.zeroclaw.supervisor.SupervisorContext.StateListener;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Tells clients when what the gateway offers changed: a server became READY, stopped being READY
 * (a crash, a removal), or was replaced by a new instance; a server said its own list changed; or
 * a reload changed a server's tool filters so that the tools clients see changed. Only the
 * sessions whose view holds the server hear it ({@link BundleViews}).
 * Also routes servers' progress and resource-update notifications, and renews subscriptions on a
 * server's new instance. Runs on the supervisor's or the transport's
 * thread, so it only marks and queues, never blocks.
 */
public final class ListChangeNotifier implements StateListener {

    private static final Set<ListKind> ALL = EnumSet.allOf(ListKind.class);

    private final GatewaySessions sessions;
    private final UpstreamListCache cache;
    private final ProgressRoutes progress;
    private final ResourceSubscriptions subscriptions;
    private final ReadyWaiters waiters;
    private final ServerRequestRelay relay;
    private final ObjectMapper json;
    private final Consumer<String> toolsChanged;
    private final BundleViews views;

    /**
     * @param toolsChanged told (off the caller's thread) a server's name when its tools may differ: its pins are checked
     * @param views which sessions see a server: only they hear of its changes
     */
    public ListChangeNotifier(GatewaySessions sessions, UpstreamListCache cache, ProgressRoutes progress,
            ResourceSubscriptions subscriptions, ReadyWaiters waiters, ServerRequestRelay relay, ObjectMapper json,
            Consumer<String> toolsChanged, BundleViews views) {
        this.views = requireNonNull(views, "views is null");
        this.sessions = requireNonNull(sessions, "sessions is null");
        this.cache = requireNonNull(cache, "cache is null");
        this.progress = requireNonNull(progress, "progress is null");
        this.subscriptions = requireNonNull(subscriptions, "subscriptions is null");
        this.waiters = requireNonNull(waiters, "waiters is null");
        this.relay = requireNonNull(relay, "relay is null");
        this.json = requireNonNull(json, "json is null");
        this.toolsChanged = requireNonNull(toolsChanged, "toolsChanged is null");
    }

    @Override
    public void changed(ServerStatus status, ServerState previous) {
        // READY -> READY is a start-first swap: a new instance, perhaps with other tools.
        if (status.state() == ServerState.READY || previous == ServerState.READY) {
            if (status.state() != ServerState.READY) {
                cache.forget(status.name());
            }
            announce(status.name(), ALL);
        }
        waiters.changed(status.name(), status.state());
        if (status.state() == ServerState.READY) {
            // Off this thread: the supervisor may hold its lock while it tells us.
            CompletableFuture.runAsync(() -> subscriptions.renew(status.name()));
            CompletableFuture.runAsync(() -> toolsChanged.accept(status.name()));
        }
    }

    /**
     * A reload changed {@code after}'s live settings. New tool filters announce a tools list change
     * only when the tools they let through differ (known from the cached list; unknown counts as
     * different).
     */
    @Override
    public void updated(ServerSpec before, ServerSpec after) {
        if (!before.toolFilter().equals(after.toolFilter())
                && visibleToolsChanged(cache.peek(after.name(), ListKind.TOOLS), before.toolFilter(), after.toolFilter())) {
            announce(after.name(), List.of(ListKind.TOOLS));
        }
    }

    /** Whether clients see other tools of a server's list under {@code after} than under {@code before}; no list: yes. */
    static boolean visibleToolsChanged(Optional<List<JsonNode>> tools, ToolFilter before, ToolFilter after) {
        return tools.isEmpty() || !visible(tools.get(), before).equals(visible(tools.get(), after));
    }

    private static List<JsonNode> visible(List<JsonNode> tools, ToolFilter filter) {
        return tools.stream().filter(tool -> ListUnion.visible(filter, ListKind.TOOLS, tool)).toList();
    }

    @Override
    public void notified(String server, String method, JsonNode params) {
        switch (method) {
            case "notifications/tools/list_changed" -> changedList(server, List.of(ListKind.TOOLS));
            case "notifications/prompts/list_changed" -> changedList(server, List.of(ListKind.PROMPTS));
            case "notifications/resources/list_changed" ->
                    changedList(server, List.of(ListKind.RESOURCES, ListKind.RESOURCE_TEMPLATES));
            case "notifications/progress" -> progress.deliver(json, params);
            case "notifications/resources/updated" -> subscriptions.updated(server, params);
            case "notifications/message" -> relay.logged(server, params);
            default -> {
                // Other notifications concern the upstream session alone.
            }
        }
    }

    private void changedList(String server, List<ListKind> kinds) {
        cache.invalidate(server, kinds);
        if (kinds.contains(ListKind.TOOLS)) {
            CompletableFuture.runAsync(() -> toolsChanged.accept(server));
        }
        announce(server, kinds);
    }

    /** Tells the sessions whose view holds {@code server} (and no other) that these lists changed. */
    private void announce(String server, Iterable<ListKind> kinds) {
        Set<String> methods = new java.util.LinkedHashSet<>();
        kinds.forEach(kind -> methods.add(kind.changedNotification()));
        methods.forEach(method -> sessions.broadcast(method, session -> views.sees(session, server)));
    }
}
