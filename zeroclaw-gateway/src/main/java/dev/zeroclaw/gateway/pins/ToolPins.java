package dev.zeroclaw.gateway.pins;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.zeroclaw.api.PinMode;
import dev.zeroclaw.mcp.McpError;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pins of every server and how its tools compare with them (trust on first use). The first
 * review of a server without pins pins what it lists; each later review finds the tools changed,
 * added or removed since, logs each once ({@code server=x tool=y pin=changed}), and under
 * {@code block} keeps the changed and added ones from clients until {@link #approve}.
 */
public final class ToolPins {

    private static final Logger log = LoggerFactory.getLogger(ToolPins.class);

    private record Review(Map<String, ToolDefinition> listed, PinReview verdict) {}

    private final PinStore store;
    private final ObjectMapper json;
    private final Consumer<String> approved;
    // All three guarded by this: reviews come from list fetches on any thread, approvals from the control socket.
    private final Map<String, Map<String, ToolDefinition>> pins = new HashMap<>();
    private final Map<String, Review> reviews = new HashMap<>();

    /** @param approved told the server's name after an approval changed what clients may see */
    public ToolPins(PinStore store, ObjectMapper json, Consumer<String> approved) {
        this.store = requireNonNull(store, "store is null");
        this.json = requireNonNull(json, "json is null");
        this.approved = requireNonNull(approved, "approved is null");
    }

    /**
     * Compares {@code tools} (a {@code tools/list} of {@code server}, all pages) with the pins, pinning
     * them if the server has none, and returns those clients may see.
     *
     * @throws McpError when the server's pins cannot be read: nothing is shown rather than the unchecked
     */
    public List<JsonNode> review(String server, PinMode mode, List<JsonNode> tools) {
        requireNonNull(server, "server is null");
        requireNonNull(mode, "mode is null");
        if (mode == PinMode.OFF) {
            synchronized (this) {
                reviews.remove(server);
            }
            return tools;
        }
        Map<String, ToolDefinition> listed = new TreeMap<>();
        for (JsonNode tool : tools) {
            if (tool.path("name").isTextual()) {
                ToolDefinition definition = ToolDefinition.of(tool, json);
                listed.put(definition.name(), definition);
            }
        }
        PinReview verdict;
        synchronized (this) {
            Map<String, ToolDefinition> pinned = pinned(server).orElse(null);
            if (pinned == null) {
                pinned = listed;
                pins.put(server, listed);
                save(server, listed);
                log.info("server={} pin=pinned tools={}", server, listed.size());
            }
            verdict = compare(mode, pinned, listed);
            Review previous = reviews.put(server, new Review(listed, verdict));
            logNew(server, verdict, listed, previous);
        }
        if (mode != PinMode.BLOCK || verdict.clean()) {
            return tools;
        }
        return tools.stream().filter(tool -> !verdict.withholds(tool.path("name").asText())).toList();
    }

    /** The last review of {@code server}, empty when pinning is off for it or it was not reviewed yet. */
    public synchronized Optional<PinReview> review(String server) {
        return Optional.ofNullable(reviews.get(server)).map(Review::verdict);
    }

    /** An MCP error for a call of {@code tool} while {@code block} withholds it; empty when the call may go. */
    public synchronized Optional<McpError> refusal(String server, String qualified, String tool) {
        Review review = reviews.get(server);
        if (review == null || !review.verdict().withholds(tool)) {
            return Optional.empty();
        }
        return Optional.of(new McpError(McpError.INVALID_PARAMS, "tool '" + qualified + "' awaits approval: its definition"
                + (review.verdict().added().contains(tool) ? " is new" : " changed") + " since server '" + server
                + "' was pinned (pin_tools = \"block\"); an operator runs: zeroclaw tools approve " + server + " " + tool));
    }

    /**
     * Pins what {@code server} lists now: {@code tool} alone, or every tool (and forgets the removed
     * ones) when empty. Clients are told their list changed.
     *
     * @return the tools whose pin changed, sorted
     * @throws IllegalArgumentException with a sentence for the operator, when there is nothing to approve
     * @throws IOException when the pins cannot be written (nothing is approved then)
     */
    public List<String> approve(String server, Optional<String> tool) throws IOException {
        List<String> done;
        synchronized (this) {
            Review review = reviews.get(server);
            if (review == null) {
                throw new IllegalArgumentException("server '" + server + "' has no reviewed tools: it is unknown, not"
                        + " READY, or its pin_tools is \"off\"");
            }
            PinReview verdict = review.verdict();
            List<String> pending = new ArrayList<>(verdict.changed());
            pending.addAll(verdict.added());
            pending.addAll(verdict.removed());
            pending.sort(null);
            if (tool.isPresent() && !pending.contains(tool.get())) {
                throw new IllegalArgumentException("tool '" + tool.get() + "' of server '" + server + "' has nothing to"
                        + " approve" + (pending.isEmpty() ? ": its tools match their pins" : "; pending: " + String.join(", ", pending)));
            }
            done = tool.map(List::of).orElse(pending);
            Map<String, ToolDefinition> next = new TreeMap<>(pins.getOrDefault(server, Map.of()));
            for (String name : done) {
                ToolDefinition now = review.listed().get(name);
                if (now == null) {
                    next.remove(name);
                } else {
                    next.put(name, now);
                }
            }
            writeOrThrow(server, next);
            pins.put(server, next);
            reviews.put(server, new Review(review.listed(), compare(verdict.mode(), next, review.listed())));
        }
        done.forEach(name -> log.info("server={} tool={} pin=approved", server, name));
        approved.accept(server);
        return done;
    }

    /**
     * What differs for {@code server}: per tool, {@code change} ({@code changed}, {@code added},
     * {@code removed}) with the {@code pinned} and the {@code listed} definition (absent when there is none).
     *
     * @throws IllegalArgumentException when the server was not reviewed
     */
    public synchronized ObjectNode diff(String server) {
        Review review = reviews.get(server);
        if (review == null) {
            throw new IllegalArgumentException("server '" + server + "' has no reviewed tools: it is unknown, not READY,"
                    + " or its pin_tools is \"off\"");
        }
        Map<String, ToolDefinition> pinned = pins.getOrDefault(server, Map.of());
        ObjectNode document = json.createObjectNode().put("server", server).put("mode", review.verdict().mode().configValue());
        ArrayNode tools = document.putArray("tools");
        Map<String, String> changes = new TreeMap<>();
        for (String change : List.of("changed", "added", "removed")) {
            of(review.verdict(), change).forEach(name -> changes.put(name, change));
        }
        changes.forEach((name, change) -> {
            ObjectNode entry = tools.addObject().put("tool", name).put("change", change);
            Optional.ofNullable(pinned.get(name)).ifPresent(old -> entry.set("pinned", old.definition()));
            Optional.ofNullable(review.listed().get(name)).ifPresent(now -> entry.set("listed", now.definition()));
        });
        return document;
    }

    private static PinReview compare(PinMode mode, Map<String, ToolDefinition> pinned, Map<String, ToolDefinition> listed) {
        List<String> changed = new ArrayList<>();
        List<String> added = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        listed.forEach((name, now) -> {
            ToolDefinition old = pinned.get(name);
            if (old == null) {
                added.add(name);
            } else if (!old.sha256().equals(now.sha256())) {
                changed.add(name);
            }
        });
        pinned.keySet().stream().filter(name -> !listed.containsKey(name)).forEach(removed::add);
        changed.sort(null);
        added.sort(null);
        removed.sort(null);
        return new PinReview(mode, changed, added, removed);
    }

    /** One line per tool whose difference is new since the previous review (a list fetched again logs nothing). */
    private static void logNew(String server, PinReview verdict, Map<String, ToolDefinition> listed, Review previous) {
        for (String change : List.of("changed", "added", "removed")) {
            for (String tool : of(verdict, change)) {
                boolean seen = previous != null && of(previous.verdict(), change).contains(tool)
                        && Objects.equals(previous.listed().get(tool), listed.get(tool));
                if (!seen) {
                    log.warn("server={} tool={} pin={} mode={}{}", server, tool, change, verdict.mode().configValue(),
                            verdict.withholds(tool) ? " withheld=true" : "");
                }
            }
        }
    }

    private static List<String> of(PinReview verdict, String change) {
        return switch (change) {
            case "changed" -> verdict.changed();
            case "added" -> verdict.added();
            default -> verdict.removed();
        };
    }

    /** Caller holds the lock. The server's pins, loaded from the store on first use; empty when it has none. */
    private Optional<Map<String, ToolDefinition>> pinned(String server) {
        Map<String, ToolDefinition> known = pins.get(server);
        if (known != null) {
            return Optional.of(known);
        }
        Optional<String> document;
        try {
            document = store.read(server);
        } catch (IOException e) {
            throw new McpError(McpError.INTERNAL_ERROR, "the pins of server '" + server + "' cannot be read: " + e.getMessage());
        }
        if (document.isEmpty()) {
            return Optional.empty();
        }
        Map<String, ToolDefinition> loaded = parse(server, document.get());
        pins.put(server, loaded);
        return Optional.of(loaded);
    }

    private Map<String, ToolDefinition> parse(String server, String document) {
        JsonNode tree;
        try {
            tree = json.readTree(document);
        } catch (JsonProcessingException e) {
            throw new McpError(McpError.INTERNAL_ERROR, "the pins of server '" + server + "' are not JSON: "
                    + e.getOriginalMessage() + "; remove the file to pin anew");
        }
        Map<String, ToolDefinition> loaded = new TreeMap<>();
        tree.path("tools").fields().forEachRemaining(entry -> {
            JsonNode definition = entry.getValue().path("definition");
            // The hash is recomputed: a hand-edited file cannot claim a hash its definition does not have.
            loaded.put(entry.getKey(), ToolDefinition.of(definition, json));
        });
        return loaded;
    }

    /** Caller holds the lock. A failed write leaves the pins in memory for this run, and says so. */
    private void save(String server, Map<String, ToolDefinition> tools) {
        try {
            writeOrThrow(server, tools);
        } catch (IOException e) {
            log.warn("server={} pin=unsaved the pins hold until the daemon stops: {}", server, e.getMessage());
        }
    }

    private void writeOrThrow(String server, Map<String, ToolDefinition> tools) throws IOException {
        ObjectNode document = json.createObjectNode().put("server", server);
        ObjectNode entries = document.putObject("tools");
        tools.forEach((name, definition) -> entries.putObject(name)
                .put("sha256", definition.sha256())
                .set("definition", definition.definition()));
        store.write(server, json.writerWithDefaultPrettyPrinter().writeValueAsString(document) + "\n");
    }
}
