package dev.zeroclaw.supervisor;

import static java.util.Objects.requireNonNull;

import dev.zeroclaw.api.ServerPrefixes;
import dev.zeroclaw.api.ServerSpec;
import dev.zeroclaw.diff.ReloadPlan;
import dev.zeroclaw.diff.ServerChange;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.Supplier;

/**
 * The servers the daemon supervises, by name, in config order.
 *
 * <p>The map is replaced whole under {@code this} (copy on write), so status readers on other
 * threads see a consistent set without locking. Once {@link #stopAll} has begun, nothing new starts.
 */
public final class ServerRegistry {

    /** At most this many starts, stops and restarts run at once during a reload. */
    static final int APPLY_PARALLELISM = 16;

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
     * Applies a reload plan, at most {@link #APPLY_PARALLELISM} operations at a time: removed
     * servers stop, added ones start, changed ones are replaced, live settings are updated.
     * Completes when every operation has settled.
     *
     * @param next the new configuration's runnable servers, by name, in file order
     * @return servers that did not reach their planned state, with why
     */
    public CompletableFuture<Map<String, String>> apply(ReloadPlan plan, Map<String, ServerSpec> next) {
        Map<String, String> failed = new ConcurrentSkipListMap<>();
        BoundedStarts limiter = new BoundedStarts(APPLY_PARALLELISM);
        List<CompletableFuture<?>> work = new java.util.ArrayList<>();
        for (String name : plan.removed()) {
            find(name).ifPresent(supervisor -> work.add(limiter.submit(supervisor::stop)
                    .thenRun(() -> remove(name, supervisor))));
        }
        for (ServerChange change : plan.update()) {
            ServerSpec spec = next.get(change.name());
            find(change.name()).ifPresent(supervisor -> {
                if (supervisor.state() == ServerState.FAILED) {
                    // Its config changed: a FAILED server gets a fresh start.
                    work.add(replace(limiter, supervisor, spec, failed));
                } else {
                    supervisor.update(spec);
                }
            });
        }
        for (ServerChange change : plan.restart()) {
            find(change.name()).ifPresent(supervisor -> work.add(replace(limiter, supervisor, next.get(change.name()), failed)));
        }
        for (String name : plan.added()) {
            Optional<ServerSupervisor> added = add(next.get(name));
            if (added.isEmpty()) {
                failed.put(name, "the daemon is stopping");
                continue;
            }
            work.add(limiter.submit(added.get()::start).thenAccept(state -> {
                if (state != ServerState.READY) {
                    failed.put(name, added.get().status().lastError() == null
                            ? "ended up " + state : added.get().status().lastError());
                }
            }));
        }
        reorder(next.keySet());
        return CompletableFuture.allOf(work.toArray(CompletableFuture<?>[]::new)).thenApply(done -> Map.copyOf(failed));
    }

    private static CompletableFuture<Void> replace(
            BoundedStarts limiter, ServerSupervisor supervisor, ServerSpec spec, Map<String, String> failed) {
        return limiter.submit(() -> supervisor.replace(spec))
                .thenAccept(outcome -> outcome.ifPresent(why -> failed.put(supervisor.name(), why)));
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
     * The prefixes clients see for the configured servers ({@link ServerPrefixes}); takes no lock.
     * Made again only when the set of servers changed.
     */
    public ServerPrefixes prefixes() {
        Map<String, ServerSupervisor> current = supervisors;
        PrefixesOf cached = prefixes;
        if (cached.servers() != current) {
            cached = new PrefixesOf(current, ServerPrefixes.of(current.keySet()));
            prefixes = cached;
        }
        return cached.prefixes();
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
    private synchronized void reorder(java.util.Set<String> order) {
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

    /** Runs asynchronous operations with at most {@code limit} in flight, the rest queued in order. */
    static final class BoundedStarts {
        private final int limit;
        // Guarded by this.
        private int running;
        private final java.util.ArrayDeque<Runnable> waiting = new java.util.ArrayDeque<>();

        BoundedStarts(int limit) {
            this.limit = limit;
        }

        <T> CompletableFuture<T> submit(Supplier<CompletableFuture<T>> operation) {
            CompletableFuture<T> result = new CompletableFuture<>();
            Runnable run = () -> operation.get().whenComplete((value, failure) -> {
                finished();
                if (failure != null) {
                    result.completeExceptionally(failure);
                } else {
                    result.complete(value);
                }
            });
            boolean now;
            synchronized (this) {
                now = running < limit;
                if (now) {
                    running++;
                } else {
                    waiting.add(run);
                }
            }
            if (now) {
                run.run();
            }
            return result;
        }

        private void finished() {
            Runnable next;
            synchronized (this) {
                next = waiting.poll();
                if (next == null) {
                    running--;
                }
            }
            if (next != null) {
                next.run();
            }
        }
    }
}
