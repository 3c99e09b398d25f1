package dev.zeroclaw.daemon.state;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.zeroclaw.gateway.deferred.ToolDefinitionSize;
import dev.zeroclaw.signal.StateDirectory;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last tool-definition sizes the daemon measured, per server, in the state directory: file
 * {@value #FILE_NAME} (mode 0600, replaced whole), {@code {"servers": {"<name>": {"tools": N,
 * "bytes": B, "tokens_estimate": T}}}}. The daemon writes a server's figures when they change;
 * {@code config check} reads them, so it shows sizes without starting a server. A server's figures
 * stay until it is measured again (a removed server's too: it may come back).
 */
public final class StateToolSizes {

    public static final String FILE_NAME = "tool-definitions.json";

    private static final Logger log = LoggerFactory.getLogger(StateToolSizes.class);

    private final Supplier<StateDirectory> directory;
    private final ObjectMapper json;
    // Guarded by this: resolved at the first write (a reload does not move the state directory, as
    // for the pins), and the figures the file holds, read then; null before.
    private StateDirectory resolved;
    private Map<String, ToolDefinitionSize> kept;

    /** @param directory where the state directory is; asked once, at the first write */
    public StateToolSizes(Supplier<StateDirectory> directory, ObjectMapper json) {
        this.directory = requireNonNull(directory, "directory is null");
        this.json = requireNonNull(json, "json is null");
    }

    /**
     * Keeps {@code server}'s figures beside the others'; the file is rewritten only when they differ
     * from what it holds (a restart of the daemon rewrites nothing for servers that did not change).
     * A failure is logged, never thrown: status does not need the file.
     */
    public synchronized void write(String server, ToolDefinitionSize size) {
        try {
            if (kept == null) {
                resolved = directory.get();
                kept = new LinkedHashMap<>(read(resolved, json));
            }
            if (size.equals(kept.get(server))) {
                return;
            }
            kept.put(server, size);
            ObjectNode document = json.createObjectNode();
            ObjectNode servers = document.putObject("servers");
            kept.forEach((name, figures) -> servers.set(name, json.valueToTree(figures.document())));
            resolved.write(FILE_NAME, json.writerWithDefaultPrettyPrinter().writeValueAsString(document) + "\n");
        } catch (IOException | RuntimeException e) {
            log.warn("server={} tool definition sizes not kept: {}", server, e.getMessage());
        }
    }

    /**
     * The figures {@code state} holds, per server; none when there is no file, or when it is not what
     * the daemon writes (a damaged file is rewritten at the next measure).
     *
     * @throws IOException when the file is there and cannot be read
     */
    public static Map<String, ToolDefinitionSize> read(StateDirectory state, ObjectMapper json) throws IOException {
        Optional<String> content = state.read(FILE_NAME);
        Map<String, ToolDefinitionSize> sizes = new LinkedHashMap<>();
        if (content.isEmpty()) {
            return sizes;
        }
        JsonNode servers;
        try {
            servers = json.readTree(content.get()).path("servers");
        } catch (IOException e) {
            log.warn("{} in {} is not JSON; its figures are ignored", FILE_NAME, state.path());
            return sizes;
        }
        for (Map.Entry<String, JsonNode> field : servers.properties()) {
            JsonNode figures = field.getValue();
            if (figures.path("tools").canConvertToInt() && figures.path("bytes").canConvertToLong()
                    && figures.path("tools").asInt() >= 0 && figures.path("bytes").asLong() >= 0) {
                sizes.put(field.getKey(), ToolDefinitionSize.ofBytes(figures.path("tools").asInt(), figures.path("bytes").asLong()));
            }
        }
        return sizes;
    }
}
