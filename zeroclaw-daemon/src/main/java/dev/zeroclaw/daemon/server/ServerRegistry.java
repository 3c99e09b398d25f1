package dev.zeroclaw.daemon.server;

import static java.util.Objects.requireNonNull;

import dev.zeroclaw.api.ServerSpec;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The servers the daemon supervises, by name, in config order.
 *
 * <p>Changed only by the thread that starts, reloads and stops the daemon; the map is replaced
 * whole (copy on write), so status readers on other threads see a consistent set.
 */
public final class ServerRegistry {

    private final SupervisorContext context;
    private volatile Map<String, ServerSupervisor> supervisors = Map.of();

    public ServerRegistry(SupervisorContext context) {
        this.context = requireNonNull(context, "context is null");
    }

    /** Starts every given server at once; the future completes when each has settled. */
    public CompletableFuture<Void> startAll(List<ServerSpec> servers) {
        Map<String, ServerSupervisor> next = new LinkedHashMap<>(supervisors);
        CompletableFuture<?>[] starts = new CompletableFuture<?>[servers.size()];
        int i = 0;
        for (ServerSpec spec : servers) {
            ServerSupervisor supervisor = new ServerSupervisor(spec, context);
            next.put(spec.name(), supervisor);
            starts[i++] = supervisor.start();
        }
        supervisors = Collections.unmodifiableMap(next);
        return CompletableFuture.allOf(starts);
    }

    /** Stops every server at once; completes when every stop sequence is over. */
    public CompletableFuture<Void> stopAll() {
        return CompletableFuture.allOf(supervisors.values().stream()
                .map(ServerSupervisor::stop)
                .toArray(CompletableFuture<?>[]::new));
    }

    public Optional<ServerSupervisor> find(String name) {
        return Optional.ofNullable(supervisors.get(name));
    }

    public List<ServerStatus> statuses() {
        return supervisors.values().stream().map(ServerSupervisor::status).toList();
    }
}
