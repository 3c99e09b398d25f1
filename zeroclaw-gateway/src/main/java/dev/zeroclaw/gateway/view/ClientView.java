package dev.zeroclaw.gateway.view;

import static java.util.Objects.requireNonNull;

import dev.zeroclaw.api.McpBundle;
import dev.zeroclaw.mcp.McpError;
import java.util.Optional;

/**
 * The servers and tools one session may list and call: every one ({@link #WHOLE}, {@code /mcp}),
 * or a bundle's. Tool names stay the gateway's global ones, so a tool has one name in every view.
 *
 * @param bundle the bundle whose view this is; empty for the whole gateway
 */
public record ClientView(Optional<McpBundle> bundle) {

    /** The whole gateway: every server, every tool its filters let through. */
    public static final ClientView WHOLE = new ClientView(Optional.empty());

    public ClientView {
        requireNonNull(bundle, "bundle is null");
    }

    public static ClientView of(McpBundle bundle) {
        return new ClientView(Optional.of(bundle));
    }

    /** Whether the view holds {@code server}'s entries (its prompts, resources; its tools as {@link #sees(String, String)} says). */
    public boolean sees(String server) {
        return bundle.map(b -> b.grants(server)).orElse(true);
    }

    /** Whether the view holds {@code tool} (its own name) of {@code server}. */
    public boolean sees(String server, String tool) {
        return bundle.map(b -> b.grants(server, tool)).orElse(true);
    }

    /**
     * Refuses a call to {@code what} (e.g. {@code tool 'fs__write_file'}) of {@code server} when it
     * is outside the view, naming the bundle and why; {@code tool} is the tool's own name, or null
     * for what only its server decides.
     *
     * @throws McpError (invalid params) when the view does not hold it
     */
    public void check(String what, String server, String tool) {
        if (bundle.isEmpty() || (tool == null ? sees(server) : sees(server, tool))) {
            return;
        }
        McpBundle b = bundle.get();
        String why = !b.servers().contains(server) ? "server '" + server + "' is not in its servers " + b.servers()
                : b.exclude().contains(server) ? "server '" + server + "' is in its exclude " + b.exclude()
                : "no pattern of its tools " + b.tools() + " matches '" + server + McpBundle.SEPARATOR + tool + "'";
        throw new McpError(McpError.INVALID_PARAMS, what + " is not in bundle '" + b.alias() + "': " + why);
    }
}
