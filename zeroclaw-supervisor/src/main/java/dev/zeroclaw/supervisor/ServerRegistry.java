package dev.zeroclaw.supervisor;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.NullNode;
import dev.zeroclaw.api.ExposedNames;
import dev.zeroclaw.api.ServerPrefixes;
import dev.zeroclaw.api.ServerSpec;
import dev.zeroclaw.diff.ReloadPlan;
import dev.zeroclaw.diff.ServerChange;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The servers the daemon supervises, by name, in config order.
 *
 * <p>The map is replaced whole under {@code this} (copy on write), so status readers on other
 * threads see a consistent set without locking. Once {@link #stopAll} has begun, nothing new starts.
 */
public final class ServerRegistry {

    /** The notification by which a server says its tools changed (the MCP spec's name). */
    static final String TOOLS_LIST_CHANGED = "notifications/tools/list_changed";

    private final SupervisorContext context;
    private volatile Map<String, ServerSupervisor> supervisors = Map.of();
    // A cache of prefixes(): racing threads may each compute it; any of their results is right.
    private volatile PrefixesOf prefixes = new PrefixesOf(null, ServerPrefixes.of(List.of()));
    // Guarded by this.
    private boolean closing;

    public ServerRegistry(SupervisorContext context) {
        this.context = requireNonNull(context, "context is null");
    }

    /** Starts every given server at once; the future completes when each has settled. */
    public CompletableFuture<Void> startAll(List<ServerSpec> servers) {
        CompletableFuture<?>[] starts = servers.stream()
                .map(spec -> add(spec).map(ServerSupervisor::start).orElse(CompletableFuture.completedFuture(null)))
                .toArray(CompletableFuture<?>[]::new);
        return CompletableFuture.allOf(starts);
    }

    /**
     * Applies a reload plan, every operation at once: removed servers stop, added ones start,
     * changed ones are replaced, live settings are updated. The old instances of start-first
     * replacements stop only once every operation has settled, so that their stop sequences take
     * no CPU from the starts the reload waits for. Completes when every operation has settled.
     * Same as {@code apply(plan, next, CompletableFuture.completedFuture(null))}.
     *
     * <p>No cap on how many start at once: the machine's floor (starting N processes from a plain
     * driver) has none, and a cap of 16 made a reload of 100 servers start in seven waves.
     *
     * @param next the new configuration's runnable servers, by name, in file order
     * @return servers that did not reach their planned state, with why
     */
    public CompletableFuture<Map<String, String>> apply(ReloadPlan plan, Map<String, ServerSpec> next) {
        return apply(plan, next, CompletableFuture.completedFuture(null));
    }

    /**
     * As {@link #apply(ReloadPlan, Map)}; the old instances of start-first replacements wait for
     * {@code oldStopsAfter} too (normal or not): the reload passes the moment its report is out,
     * so that a hundred stop sequences do not delay the report they are not part of.
     */
    public CompletableFuture<Map<String, String>> apply(ReloadPlan plan, Map<String, ServerSpec> next,
            CompletionStage<?> oldStopsAfter) {
        requireNonNull(oldStopsAfter, "oldStopsAfter is null");
        Map<String, String> failed = new ConcurrentSkipListMap<>();
        CompletableFuture<Void> settled = new CompletableFuture<>();
        List<CompletableFuture<?>> work = new ArrayList<>();
        for (String name : plan.removed()) {
            find(name).ifPresent(supervisor -> work.add(supervisor.stop().thenRun(() -> remove(name, supervisor))));
        }
        for (ServerChange change : plan.update()) {
            ServerSpec spec = next.get(change.name());
            find(change.name()).ifPresent(supervisor -> {
                if (supervisor.state() == ServerState.FAILED || supervisor.state() == ServerState.NEEDS_AUTH) {
                    // Its config changed: a FAILED server gets a fresh start.
                    work.add(replace(supervisor, spec, settled, failed));
                } else {
                    boolean pinsChanged = supervisor.spec().pinTools() != spec.pinTools();
                    supervisor.update(spec);
                    if (pinsChanged) {
                        // What clients may see of its tools changed: as if the server said its list changed.
                        context.listener().notified(change.name(), TOOLS_LIST_CHANGED, NullNode.getInstance());
                    }
                }
            });
        }
        // A tool_prefix may have changed with the update; the next prefixes() makes them anew.
        prefixes = new PrefixesOf(null, prefixes.prefixes());
        for (ServerChange change : plan.update()) {
            if (change.fields().contains("tool_prefix")) {
                // Clients see other names now, as if the server's lists had changed: tool_prefix is live.
                context.listener().notified(change.name(), "notifications/tools/list_changed", NullNode.getInstance());
                context.listener().notified(change.name(), "notifications/prompts/list_changed", NullNode.getInstance());
            }
        }
        for (ServerChange change : plan.restart()) {
            find(change.name()).ifPresent(supervisor -> work.add(replace(supervisor, next.get(change.name()), settled, failed)));
        }
        for (String name : plan.added()) {
            Optional<ServerSupervisor> added = add(next.get(name));
            if (added.isEmpty()) {
                failed.put(name, "the daemon is stopping");
                continue;
            }
            work.add(added.get().start().thenAccept(state -> {
                if (state != ServerState.READY) {
                    failed.put(name, added.get().status().lastError() == null
                            ? "ended up " + state : added.get().status().lastError());
                }
            }));
        }
        reorder(next.keySet());
        CompletableFuture<Void> all = CompletableFuture.allOf(work.toArray(CompletableFuture<?>[]::new));
        // A replaced server's tool_prefix counts once its new spec is in place.
        all.whenComplete((done, failure) -> prefixes = new PrefixesOf(null, prefixes.prefixes()));
        CompletableFuture<Void> reported = oldStopsAfter.toCompletableFuture().handle((done, failure) -> null);
        all.handle((done, failure) -> null).thenCombine(reported, (done, also) -> settled.complete(null));
        return all.thenApply(done -> Map.copyOf(failed));
    }

    private static CompletableFuture<Void> replace(
            ServerSupervisor supervisor, ServerSpec spec, CompletableFuture<Void> oldStopsAfter, Map<String, String> failed) {
        return supervisor.replace(spec, oldStopsAfter).thenAccept(outcome -> outcome.ifPresent(why -> failed.put(supervisor.name(), why)));
    }

    /** Stops every server at once; nothing starts afterwards. Completes when every stop sequence is over. */
    public CompletableFuture<Void> stopAll() {
        synchronized (this) {
            closing = true;
        }
        return CompletableFuture.allOf(supervisors.values().stream()
                .map(ServerSupervisor::stop)
                .toArray(CompletableFuture<?>[]::new));
    }

    public Optional<ServerSupervisor> find(String name) {
        return Optional.ofNullable(supervisors.get(name));
    }

    /** The configured servers' names, in config order; takes no lock (the gateway asks on every call). */
    public Set<String> names() {
        return supervisors.keySet();
    }

    /**
     * The prefixes clients see for the configured servers ({@link ServerPrefixes}); takes no lock of
     * its own (each server's, briefly, when they are made again).
     * Made again only when the set of servers or a {@code tool_prefix} changed.
     */
    public ServerPrefixes prefixes() {
        Map<String, ServerSupervisor> current = supervisors;
        PrefixesOf cached = prefixes;
        if (cached.servers() != current) {
            cached = new PrefixesOf(current, ServerPrefixes.ofSpecs(current.values().stream().map(ServerSupervisor::spec).toList()));
            prefixes = cached;
        }
        return cached.prefixes();
    }

    /**
     * The names clients see for the tools the serving instances offered when they became READY
     * ({@link ExposedNames}, as the gateway makes them), for {@code status}.
     */
    public ExposedNames toolNames() {
        Map<String, List<String>> byServer = new LinkedHashMap<>();
        supervisors.forEach((name, supervisor) -> byServer.put(name, supervisor.toolNames()));
        return ExposedNames.of(prefixes(), byServer);
    }

    /** The prefixes of one map of supervisors, compared by identity: each change of the set makes a new map. */
    private record PrefixesOf(Map<String, ServerSupervisor> servers, ServerPrefixes prefixes) {}

    public List<ServerStatus> statuses() {
        return supervisors.values().stream().map(ServerSupervisor::status).toList();
    }

    private synchronized Optional<ServerSupervisor> add(ServerSpec spec) {
        if (closing) {
            return Optional.empty();
        }
        ServerSupervisor supervisor = new ServerSupervisor(spec, context);
        Map<String, ServerSupervisor> copy = new LinkedHashMap<>(supervisors);
        copy.put(spec.name(), supervisor);
        supervisors = Collections.unmodifiableMap(copy);
        return Optional.of(supervisor);
    }

    private synchronized void remove(String name, ServerSupervisor supervisor) {
        Map<String, ServerSupervisor> copy = new LinkedHashMap<>(supervisors);
        copy.remove(name, supervisor);
        supervisors = Collections.unmodifiableMap(copy);
    }

    /** Lists servers in the new file's order; removed ones still stopping go last. */
    private synchronized void reorder(Set<String> order) {
        Map<String, ServerSupervisor> copy = new LinkedHashMap<>();
        for (String name : order) {
            ServerSupervisor supervisor = supervisors.get(name);
            if (supervisor != null) {
                copy.put(name, supervisor);
            }
        }
        supervisors.forEach(copy::putIfAbsent);
        supervisors = Collections.unmodifiableMap(copy);
    }
}
