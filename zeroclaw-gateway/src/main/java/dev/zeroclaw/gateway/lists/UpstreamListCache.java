package dev.zeroclaw.gateway.lists;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * What each server's serving instance listed, so a client's {@code tools/list} costs no round trip
 * to every server. An entry belongs to one instance: a restarted server (a new instance number)
 * is asked again, and a server's own {@code list_changed} notification drops its entry.
 */
public final class UpstreamListCache {

    private record Entry(long instance, Map<ListKind, CompletableFuture<List<JsonNode>>> lists) {}

    // Per server; each entry's map is guarded by the entry itself.
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    public UpstreamListCache() {}

    /** The cached list of {@code server}'s instance, else what {@code fetch} returns (cached unless it fails). */
    CompletableFuture<List<JsonNode>> get(String server, long instance, ListKind kind, Supplier<CompletableFuture<List<JsonNode>>> fetch) {
        Entry entry = entries.compute(server, (name, known) ->
                known == null || known.instance() != instance ? new Entry(instance, new EnumMap<>(ListKind.class)) : known);
        CompletableFuture<List<JsonNode>> list;
        synchronized (entry) {
            list = entry.lists().get(kind);
            if (list != null) {
                return list;
            }
            list = fetch.get();
            entry.lists().put(kind, list);
        }
        CompletableFuture<List<JsonNode>> fetched = list;
        fetched.whenComplete((ok, failure) -> {
            if (failure != null) {
                synchronized (entry) {
                    entry.lists().remove(kind, fetched);
                }
            }
        });
        return fetched;
    }

    /** Forgets {@code server}'s lists of these kinds; the next client to ask fetches them anew. */
    void invalidate(String server, List<ListKind> kinds) {
        Entry entry = entries.get(server);
        if (entry == null) {
            return;
        }
        synchronized (entry) {
            kinds.forEach(entry.lists()::remove);
        }
    }

    /** {@code server}'s list of {@code kind} when one was fetched and is held; never fetches. */
    Optional<List<JsonNode>> peek(String server, ListKind kind) {
        Entry entry = entries.get(server);
        if (entry == null) {
            return Optional.empty();
        }
        CompletableFuture<List<JsonNode>> list;
        synchronized (entry) {
            list = entry.lists().get(kind);
        }
        return list != null && list.isDone() && !list.isCompletedExceptionally() ? Optional.of(list.join()) : Optional.empty();
    }

    void forget(String server) {
        entries.remove(server);
    }
}
