package dev.zeroclaw.gateway.deferred;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.zeroclaw.api.McpBundle;
import dev.zeroclaw.gateway.view.ClientView;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What a deferred session sees of the tools ({@code [mcp] deferred_loading}): its {@code tools/list}
 * holds {@code tool_search} and {@code tool_call} only. {@code tool_search} reads the tools the
 * session may see anew at each search ({@link ToolSearch} ranks them), so a server READY after the
 * first search, or restarted with other tools, shows at the next; {@code tool_call} and a direct
 * {@code tools/call} of an exposed name go the way every call goes, so pins, filters, caps and
 * errors apply unchanged.
 *
 * <p>The one seam of the gateway's protocol: {@link #deferred} says whether a session is deferred,
 * {@link #list} and {@link #call} answer it.
 */
public final class DeferredTools {

    public static final String SEARCH = "tool_search";
    public static final String CALL = "tool_call";
    public static final int DEFAULT_LIMIT = 5;
    public static final int MAX_LIMIT = 50;

    private final BooleanSupplier setting;
    private final Runnable listChanged;
    private final ObjectMapper json;
    private final ObjectNode listResult;
    // The setting the sessions were last answered under; null until one asked. Swapped atomically.
    private final AtomicReference<Boolean> announced = new AtomicReference<>();

    /**
     * @param setting the live {@code [mcp] deferred_loading}
     * @param listChanged tells every session its tool list changed
     */
    public DeferredTools(BooleanSupplier setting, Runnable listChanged, ObjectMapper json) {
        this.setting = requireNonNull(setting, "setting is null");
        this.listChanged = requireNonNull(listChanged, "listChanged is null");
        this.json = requireNonNull(json, "json is null");
        this.listResult = json.createObjectNode();
        ArrayNode tools = listResult.putArray("tools");
        tools.add(searchTool());
        tools.add(callTool());
    }

    /**
     * Whether the tools of a session with {@code view} are deferred: its bundle's own
     * {@code deferred_loading} when it sets one, else the whole gateway's setting.
     */
    public boolean deferred(ClientView view) {
        requireNonNull(view, "view is null");
        boolean now = setting.getAsBoolean();
        announced.compareAndSet(null, now);
        return view.bundle().flatMap(McpBundle::deferredLoading).orElse(now);
    }

    /**
     * A reload applied {@code deferredLoading}: when it differs from what sessions were answered
     * under, they hear {@code list_changed} (their list is now the two tools, or every tool).
     */
    public void applied(boolean deferredLoading) {
        Boolean before = announced.getAndSet(deferredLoading);
        if (before != null && before != deferredLoading) {
            listChanged.run();
        }
    }

    /** A deferred session's {@code tools/list}: the two tools, on one page whatever the cursor. */
    public CompletableFuture<JsonNode> list() {
        return CompletableFuture.completedFuture(listResult.deepCopy());
    }

    /** The two tools' entries as a deferred session lists them (for the size of its list). */
    public List<JsonNode> entries() {
        return List.of(searchTool(), callTool());
    }

    /**
     * A deferred session's {@code tools/call}: {@code tool_search} searches {@code tools}, {@code tool_call}
     * calls the tool it names through {@code call}, any other name goes to {@code call} as it is.
     *
     * @param tools the tools the session may see now (the gateway's whole list, every page)
     * @param call the gateway's {@code tools/call} of params naming an exposed tool
     */
    public CompletableFuture<JsonNode> call(JsonNode params, Supplier<CompletableFuture<List<JsonNode>>> tools,
            Function<JsonNode, CompletableFuture<JsonNode>> call) {
        String name = params.path("name").asText("");
        JsonNode arguments = params.path("arguments");
        return switch (name) {
            case SEARCH -> search(arguments, tools);
            case CALL -> callNamed(params, arguments, call);
            default -> call.apply(params);
        };
    }

    private CompletableFuture<JsonNode> search(JsonNode arguments, Supplier<CompletableFuture<List<JsonNode>>> tools) {
        JsonNode query = arguments.path("query");
        if (!query.isTextual()) {
            return failed(SEARCH + " needs \"query\", a string: words to look for or a name pattern with one '*'");
        }
        JsonNode limitNode = arguments.path("limit");
        int limit = DEFAULT_LIMIT;
        if (!limitNode.isMissingNode() && !limitNode.isNull()) {
            if (!limitNode.canConvertToInt() || !limitNode.isIntegralNumber() || limitNode.asInt() < 1
                    || limitNode.asInt() > MAX_LIMIT) {
                return failed(SEARCH + "'s \"limit\" is " + limitNode + "; give a whole number from 1 to " + MAX_LIMIT);
            }
            limit = limitNode.asInt();
        }
        int most = limit;
        return tools.get().thenApply(all -> {
            List<ToolSearch.Match> matches;
            try {
                matches = ToolSearch.search(query.asText(), all);
            } catch (IllegalArgumentException e) {
                return error(e.getMessage());
            }
            ObjectNode found = json.createObjectNode();
            ArrayNode listed = found.putArray("tools");
            matches.stream().limit(most).forEach(match -> listed.add(described(match.tool())));
            found.put("matched", matches.size());
            return result(found);
        });
    }

    private CompletableFuture<JsonNode> callNamed(JsonNode params, JsonNode arguments,
            Function<JsonNode, CompletableFuture<JsonNode>> call) {
        JsonNode name = arguments.path("name");
        if (!name.isTextual() || name.asText().isEmpty()) {
            return failed(CALL + " needs \"name\", a tool's name as " + SEARCH + " gave it");
        }
        if (name.asText().equals(SEARCH) || name.asText().equals(CALL)) {
            return failed(CALL + " calls a server's tool; call " + name.asText() + " directly");
        }
        JsonNode toolArguments = arguments.path("arguments");
        if (!toolArguments.isMissingNode() && !toolArguments.isNull() && !toolArguments.isObject()) {
            return failed(CALL + "'s \"arguments\" must be an object (the tool's own arguments), not " + toolArguments.getNodeType()
                    .name().toLowerCase(Locale.ROOT));
        }
        ObjectNode forwarded = json.createObjectNode();
        forwarded.put("name", name.asText());
        forwarded.set("arguments", toolArguments.isObject() ? toolArguments : json.createObjectNode());
        if (params.has("_meta")) {
            // The progress token of the client's call: progress of the tool's call reaches it.
            forwarded.set("_meta", params.get("_meta"));
        }
        return call.apply(forwarded);
    }

    /** A found tool as the model needs it to call: name, description, schemas. */
    private ObjectNode described(JsonNode tool) {
        ObjectNode entry = json.createObjectNode();
        entry.put("name", tool.path("name").asText(""));
        if (tool.path("description").isTextual()) {
            entry.put("description", tool.path("description").asText());
        }
        entry.set("inputSchema", tool.path("inputSchema").isObject() ? tool.get("inputSchema")
                : json.createObjectNode().put("type", "object"));
        if (tool.path("outputSchema").isObject()) {
            entry.set("outputSchema", tool.get("outputSchema"));
        }
        return entry;
    }

    /** A tool result with {@code structured} as {@code structuredContent} and as its text. */
    private JsonNode result(ObjectNode structured) {
        ObjectNode result = json.createObjectNode();
        String text;
        try {
            text = json.writeValueAsString(structured);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        result.putArray("content").addObject().put("type", "text").put("text", text);
        result.set("structuredContent", structured);
        return result;
    }

    /** A tool error the model reads and can correct (bad arguments are no protocol error). */
    private ObjectNode error(String message) {
        ObjectNode result = json.createObjectNode();
        result.putArray("content").addObject().put("type", "text").put("text", message);
        result.put("isError", true);
        return result;
    }

    private CompletableFuture<JsonNode> failed(String message) {
        return CompletableFuture.completedFuture(error(message));
    }

    private ObjectNode searchTool() {
        ObjectNode tool = json.createObjectNode();
        tool.put("name", SEARCH);
        tool.put("description", "Finds the tools of this gateway's MCP servers, with the schemas to call them by "
                + CALL + ". query: words to look for in tool names and descriptions (best matches first), or a name"
                + " pattern with one '*' (\"github__*\", \"github__get_*\"). Tool names are <server>__<tool>.");
        ObjectNode input = tool.putObject("inputSchema").put("type", "object");
        ObjectNode properties = input.putObject("properties");
        properties.putObject("query").put("type", "string")
                .put("description", "words to look for, or a tool name pattern with one '*'");
        properties.putObject("limit").put("type", "integer").put("minimum", 1).put("maximum", MAX_LIMIT)
                .put("default", DEFAULT_LIMIT).put("description", "the most tools to return");
        input.putArray("required").add("query");
        ObjectNode output = tool.putObject("outputSchema").put("type", "object");
        ObjectNode outputProperties = output.putObject("properties");
        ObjectNode item = outputProperties.putObject("tools").put("type", "array").putObject("items").put("type", "object");
        ObjectNode itemProperties = item.putObject("properties");
        itemProperties.putObject("name").put("type", "string");
        itemProperties.putObject("description").put("type", "string");
        itemProperties.putObject("inputSchema").put("type", "object");
        itemProperties.putObject("outputSchema").put("type", "object");
        item.putArray("required").add("name").add("inputSchema");
        outputProperties.putObject("matched").put("type", "integer")
                .put("description", "how many tools matched; more than returned when the limit cut them");
        output.putArray("required").add("tools").add("matched");
        return tool;
    }

    private ObjectNode callTool() {
        ObjectNode tool = json.createObjectNode();
        tool.put("name", CALL);
        tool.put("description", "Calls a tool that " + SEARCH + " found, by its name, with its arguments; returns"
                + " that tool's result.");
        ObjectNode input = tool.putObject("inputSchema").put("type", "object");
        ObjectNode properties = input.putObject("properties");
        properties.putObject("name").put("type", "string").put("description", "the tool's name as " + SEARCH + " gave it");
        properties.putObject("arguments").put("type", "object")
                .put("description", "the tool's arguments, as its inputSchema describes them");
        input.putArray("required").add("name");
        return tool;
    }
}
