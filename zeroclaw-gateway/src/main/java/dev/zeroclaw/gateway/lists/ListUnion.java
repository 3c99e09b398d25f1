package dev.zeroclaw.gateway.lists;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.zeroclaw.api.ExposedNames;
import dev.zeroclaw.api.PinMode;
import dev.zeroclaw.api.ServerPrefixes;
import dev.zeroclaw.api.ServerSpec;
import dev.zeroclaw.api.ToolFilter;
import dev.zeroclaw.gateway.pins.ToolPins;
import dev.zeroclaw.gateway.routing.ExposedNameSource;
import dev.zeroclaw.gateway.routing.ResourceUri;
import dev.zeroclaw.gateway.view.ClientView;
import dev.zeroclaw.mcp.McpError;
import dev.zeroclaw.mcp.McpSession;
import dev.zeroclaw.supervisor.ServerRegistry;
import dev.zeroclaw.supervisor.ServerState;
import dev.zeroclaw.supervisor.ServerStatus;
import dev.zeroclaw.supervisor.ServerSupervisor;
import dev.zeroclaw.supervisor.ServingLease;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's lists ({@code tools/list}, {@code resources/list}, …): the union of the READY
 * servers' lists in config order, each entry's name or URI namespaced ({@link ExposedNames},
 * {@link ResourceUri}), handed out in pages of {@link #PAGE_SIZE} with a {@link PageCursor}.
 * A server's tools are those its {@code allowed_tools}/{@code excluded_tools} let through, as
 * configured when the list is asked for (the cache holds the server's whole list). A session sees
 * the part of the union its {@link ClientView} holds (a bundle's view); names are made over the
 * whole union, so a tool has one name in every view.
 */
public final class ListUnion implements ExposedNameSource {

    /** Entries per page of a list; clients follow {@code nextCursor}. */
    static final int PAGE_SIZE = 100;
    /** A server whose list spans more pages than this is treated as broken (a repeating cursor). */
    static final int MAX_UPSTREAM_PAGES = 1_000;

    private static final Logger log = LoggerFactory.getLogger(ListUnion.class);

    private final ServerRegistry registry;
    private final UpstreamListCache cache;
    private final ToolPins pins;
    private final ObjectMapper json;
    private final Map<ListKind, ExposedNames> tables = new ConcurrentHashMap<>();

    public ListUnion(ServerRegistry registry, UpstreamListCache cache, ToolPins pins, ObjectMapper json) {
        this.registry = requireNonNull(registry, "registry is null");
        this.cache = requireNonNull(cache, "cache is null");
        this.pins = requireNonNull(pins, "pins is null");
        this.json = requireNonNull(json, "json is null");
    }

    /**
     * The page of {@code kind}'s union that {@code params.cursor} points at, with {@code nextCursor}
     * unless it is the last.
     *
     * @throws McpError (invalid params) for a cursor the gateway did not hand out
     */
    public CompletableFuture<JsonNode> page(ListKind kind, JsonNode params) {
        return page(kind, params, ClientView.WHOLE);
    }

    /** As {@link #page(ListKind, JsonNode)}, of what {@code view} holds of the union. */
    public CompletableFuture<JsonNode> page(ListKind kind, JsonNode params, ClientView view) {
        int offset = PageCursor.parse(params.path("cursor")).offset();
        return visible(kind, view).thenApply(all -> {
            ObjectNode result = json.createObjectNode();
            ArrayNode page = result.putArray(kind.field());
            int end = Math.min(all.size(), offset + PAGE_SIZE);
            for (int i = Math.min(offset, all.size()); i < end; i++) {
                page.add(all.get(i));
            }
            if (end < all.size()) {
                result.put("nextCursor", new PageCursor(end).encoded());
            }
            return result;
        });
    }

    /**
     * The entries of {@code kind}'s union that {@code view} holds, under the names clients see (the
     * same in every view): what a session may list, and so what it may search or call.
     */
    public CompletableFuture<List<JsonNode>> visible(ListKind kind, ClientView view) {
        return listed(kind).thenApply(all -> all.stream()
                .filter(listed -> listed.original() == null || kind != ListKind.TOOLS
                        ? view.sees(listed.server()) : view.sees(listed.server(), listed.original()))
                .map(Listed::entry).toList());
    }

    /**
     * Every READY server's entries of {@code kind}, namespaced, in config order. A server that fails
     * to list is left out. Tool and prompt names are made all at once ({@link ExposedNames}: a
     * collision is between servers too), and the table is kept for calls by those names.
     */
    CompletableFuture<List<JsonNode>> union(ListKind kind) {
        return listed(kind).thenApply(all -> all.stream().map(Listed::entry).toList());
    }

    /** One entry of the union: its server, its own name or URI (null when it has none), and the entry as clients see it. */
    private record Listed(String server, String original, JsonNode entry) {}

    private CompletableFuture<List<Listed>> listed(ListKind kind) {
        List<CompletableFuture<ServerEntries>> parts = new ArrayList<>();
        for (ServerStatus status : registry.statuses()) {
            if (status.state() != ServerState.READY) {
                continue;
            }
            Optional<ServerSupervisor> supervisor = registry.find(status.name());
            Optional<ServingLease> leased = supervisor.flatMap(ServerSupervisor::serve);
            if (leased.isEmpty()) {
                continue;
            }
            // Read here, on the caller's thread, not where the list arrives (a transport's thread).
            ToolFilter filter = supervisor.get().spec().toolFilter();
            ServingLease lease = leased.get();
            if (!lease.capabilities().has(kind.capability())) {
                lease.close();
                continue;
            }
            Duration timeout = Duration.ofSeconds(lease.toolTimeoutSecs());
            parts.add(cache.get(lease.server(), lease.instance(), kind, () -> fetch(lease.session(), kind, timeout))
                    .handle((entries, failure) -> {
                        lease.close();
                        if (failure != null) {
                            log.warn("server={} {} failed; left out of the gateway's list: {}", lease.server(), kind.method(),
                                    describe(failure));
                            return new ServerEntries(lease.server(), List.of());
                        }
                        List<JsonNode> shown;
                        try {
                            shown = kind == ListKind.TOOLS ? pins.review(lease.server(), pinMode(lease.server()), entries) : entries;
                        } catch (McpError e) {
                            log.warn("server={} tools left out of the gateway's list: {}", lease.server(), e.getMessage());
                            return new ServerEntries(lease.server(), List.of());
                        }
                        return new ServerEntries(lease.server(), shown.stream().filter(entry -> visible(filter, kind, entry)).toList());
                    }));
        }
        return CompletableFuture.allOf(parts.toArray(CompletableFuture<?>[]::new)).thenApply(done -> {
            ServerPrefixes prefixes = registry.prefixes();
            List<ServerEntries> lists = parts.stream().map(CompletableFuture::join).toList();
            ExposedNames names = null;
            if (!kind.namedByUri()) {
                Map<String, List<String>> byServer = new LinkedHashMap<>();
                for (ServerEntries list : lists) {
                    byServer.put(list.server(), list.entries().stream()
                            .filter(entry -> entry.path(kind.key()).isTextual())
                            .map(entry -> entry.path(kind.key()).asText()).toList());
                }
                names = ExposedNames.of(prefixes, byServer);
                tables.put(kind, names);
            }
            List<Listed> all = new ArrayList<>();
            for (ServerEntries list : lists) {
                for (JsonNode entry : list.entries()) {
                    String original = entry.path(kind.key()).isTextual() ? entry.path(kind.key()).asText() : null;
                    all.add(new Listed(list.server(), original, qualifyEntry(prefixes, names, list.server(), kind, entry)));
                }
            }
            return all;
        });
    }

    /** Whether clients see {@code entry} of a server's {@code kind} list under its {@code filter}. */
    static boolean visible(ToolFilter filter, ListKind kind, JsonNode entry) {
        return kind != ListKind.TOOLS || !entry.path("name").isTextual() || filter.allows(entry.path("name").asText());
    }

    /**
     * Compares {@code server}'s tools with their pins now, not at a client's next list: when it
     * became READY, said its tools changed, or its {@code pin_tools} changed. Never fails; a failure
     * is logged.
     */
    public CompletableFuture<Void> reviewPins(String server) {
        PinMode mode = pinMode(server);
        Optional<ServingLease> leased = registry.find(server).flatMap(ServerSupervisor::serve);
        if (mode == PinMode.OFF || leased.isEmpty()) {
            pins.review(server, PinMode.OFF, List.of());
            leased.ifPresent(ServingLease::close);
            return CompletableFuture.completedFuture(null);
        }
        ServingLease lease = leased.get();
        if (!lease.capabilities().has(ListKind.TOOLS.capability())) {
            lease.close();
            return CompletableFuture.completedFuture(null);
        }
        Duration timeout = Duration.ofSeconds(lease.toolTimeoutSecs());
        return cache.get(server, lease.instance(), ListKind.TOOLS, () -> fetch(lease.session(), ListKind.TOOLS, timeout))
                .handle((entries, failure) -> {
                    lease.close();
                    if (failure != null) {
                        log.warn("server={} tools/list for its pin check failed: {}", server, describe(failure));
                    } else {
                        try {
                            pins.review(server, mode, entries);
                        } catch (McpError e) {
                            log.warn("server={} pin check failed: {}", server, e.getMessage());
                        }
                    }
                    return null;
                });
    }

    private PinMode pinMode(String server) {
        return registry.find(server).map(ServerSupervisor::spec).map(ServerSpec::pinTools).orElse(PinMode.OFF);
    }

    @Override
    public Optional<ExposedNames> known(String what) {
        return Optional.ofNullable(tables.get(kindOf(what)));
    }

    @Override
    public CompletableFuture<ExposedNames> refreshed(String what) {
        ListKind kind = kindOf(what);
        return union(kind).thenApply(done -> tables.get(kind));
    }

    private static ListKind kindOf(String what) {
        return what.equals("tool") ? ListKind.TOOLS : ListKind.PROMPTS;
    }

    /** One server's own entries of a list. */
    private record ServerEntries(String server, List<JsonNode> entries) {}

    private CompletableFuture<List<JsonNode>> fetch(McpSession session, ListKind kind, Duration timeout) {
        return fetchPage(session, kind, timeout, new ArrayList<>(), null, 0);
    }

    private CompletableFuture<List<JsonNode>> fetchPage(McpSession session, ListKind kind, Duration timeout, List<JsonNode> into,
            String cursor, int page) {
        if (page == MAX_UPSTREAM_PAGES) {
            return CompletableFuture.failedFuture(new McpError(McpError.INTERNAL_ERROR,
                    kind.method() + " returned more than " + MAX_UPSTREAM_PAGES + " pages; is nextCursor repeating?"));
        }
        ObjectNode params = json.createObjectNode();
        if (cursor != null) {
            params.put("cursor", cursor);
        }
        return session.request(kind.method(), params, timeout).thenCompose(result -> {
            result.path(kind.field()).forEach(into::add);
            JsonNode next = result.get("nextCursor");
            if (next == null || next.isNull() || next.asText().isEmpty()) {
                return CompletableFuture.completedFuture(into);
            }
            return fetchPage(session, kind, timeout, into, next.asText(), page + 1);
        });
    }

    /** A copy of {@code entry} under the name (or URI) clients see; an entry without one is passed as is. */
    private static JsonNode qualifyEntry(ServerPrefixes prefixes, ExposedNames names, String server, ListKind kind, JsonNode entry) {
        if (!entry.isObject() || !entry.path(kind.key()).isTextual()) {
            return entry;
        }
        ObjectNode copy = entry.deepCopy();
        String original = entry.path(kind.key()).asText();
        copy.put(kind.key(), kind.namedByUri()
                ? new ResourceUri(server, original).qualified(prefixes)
                : names.exposed(server, original));
        return copy;
    }

    private static String describe(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        return cause instanceof TimeoutException ? "no answer in time" : String.valueOf(cause.getMessage());
    }
}
