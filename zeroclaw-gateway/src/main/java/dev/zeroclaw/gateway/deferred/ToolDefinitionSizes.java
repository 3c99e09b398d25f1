package dev.zeroclaw.gateway.deferred;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The size of each server's tool definitions ({@link ToolDefinitionSize}), measured on the list the
 * server gave when it last became READY (the list {@code status} counts its {@code tools} in), and
 * the size of a deferred session's list instead. A changed figure is handed on to be kept (the
 * state directory, for {@code config check}).
 */
public final class ToolDefinitionSizes {

    private static final Logger log = LoggerFactory.getLogger(ToolDefinitionSizes.class);

    private final ObjectMapper json;
    private final BiConsumer<String, ToolDefinitionSize> changed;
    private final ToolDefinitionSize deferred;
    // Per server, this run's last figures; a server never READY has none.
    private final Map<String, ToolDefinitionSize> sizes = new ConcurrentHashMap<>();

    /**
     * @param deferredTools the tools a deferred session lists
     * @param changed told a server's new figures (on the caller's thread); it must not throw
     */
    public ToolDefinitionSizes(List<JsonNode> deferredTools, BiConsumer<String, ToolDefinitionSize> changed, ObjectMapper json) {
        this.json = requireNonNull(json, "json is null");
        this.changed = requireNonNull(changed, "changed is null");
        this.deferred = ToolDefinitionSize.of(deferredTools, json);
    }

    /** Measures {@code server}'s tool definitions; hands them on when they differ from the last. */
    public void record(String server, List<JsonNode> tools) {
        requireNonNull(server, "server is null");
        ToolDefinitionSize size = ToolDefinitionSize.of(tools, json);
        ToolDefinitionSize before = sizes.put(server, size);
        if (!size.equals(before)) {
            log.debug("server={} tool_definitions tools={} bytes={} tokens_estimate={}", server, size.tools(), size.bytes(),
                    size.tokensEstimate());
            changed.accept(server, size);
        }
    }

    /** {@code server}'s figures of this run; empty before it was READY once. */
    public Optional<ToolDefinitionSize> of(String server) {
        return Optional.ofNullable(sizes.get(server));
    }

    /** What a deferred session's {@code tools/list} costs, whatever the servers. */
    public ToolDefinitionSize deferred() {
        return deferred;
    }
}
