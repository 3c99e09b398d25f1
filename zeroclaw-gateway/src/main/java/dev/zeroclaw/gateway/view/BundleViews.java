package dev.zeroclaw.gateway.view;

import static java.util.Objects.requireNonNull;

import dev.zeroclaw.api.McpBundle;
import dev.zeroclaw.gateway.session.GatewaySession;
import dev.zeroclaw.gateway.session.GatewaySessions;
import dev.zeroclaw.mcp.McpError;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bundles of the live configuration, as the gateway serves them: read at each request, so a
 * reload applies a bundle's change to its sessions without dropping them, and tells those sessions
 * (and no other) that their lists changed.
 */
public final class BundleViews {

    /** Keys whose change alters which servers a view holds: every list may differ. */
    static final Set<String> SERVER_KEYS = Set.of("servers", "exclude");
    /** Keys whose change alters only which tools a view holds. */
    static final Set<String> TOOL_KEYS = Set.of("tools", "deferred_loading");

    private static final Logger log = LoggerFactory.getLogger(BundleViews.class);
    private static final List<String> EVERY_LIST = List.of("notifications/tools/list_changed",
            "notifications/prompts/list_changed", "notifications/resources/list_changed");

    private final Supplier<List<McpBundle>> bundles;
    private final GatewaySessions sessions;

    /** @param bundles the bundles of the configuration applied now */
    public BundleViews(Supplier<List<McpBundle>> bundles, GatewaySessions sessions) {
        this.bundles = requireNonNull(bundles, "bundles is null");
        this.sessions = requireNonNull(sessions, "sessions is null");
    }

    /** No bundles: every session sees the whole gateway. */
    public static BundleViews none(GatewaySessions sessions) {
        return new BundleViews(List::of, sessions);
    }

    public List<McpBundle> all() {
        return bundles.get();
    }

    public Optional<McpBundle> find(String alias) {
        return all().stream().filter(bundle -> bundle.alias().equals(alias)).findFirst();
    }

    /**
     * What {@code session} sees now.
     *
     * @throws McpError when its bundle was removed by a reload since the session began
     */
    public ClientView view(GatewaySession session) {
        if (session.bundle().isEmpty()) {
            return ClientView.WHOLE;
        }
        String alias = session.bundle().get();
        return find(alias).map(ClientView::of).orElseThrow(() -> new McpError(McpError.INVALID_REQUEST, "bundle '" + alias
                + "' was removed by a reload; this session sees nothing any more: connect to /mcp or another bundle's"
                + " /mcp/<alias>"));
    }

    /** Whether {@code session} sees {@code server} now; a session whose bundle is gone sees nothing. */
    public boolean sees(GatewaySession session, String server) {
        if (session.bundle().isEmpty()) {
            return true;
        }
        return find(session.bundle().get()).map(bundle -> bundle.grants(server)).orElse(false);
    }

    /**
     * A reload changed these bundles: the sessions of each one hear that their lists changed (all
     * lists when its servers changed, the tools list when its tools did); other sessions hear nothing.
     *
     * @param changed the changed bundles' aliases with the keys that changed
     */
    public void reloaded(Collection<String> removed, Map<String, List<String>> changed) {
        changed.forEach((alias, fields) -> {
            List<String> methods = fields.stream().anyMatch(SERVER_KEYS::contains) ? EVERY_LIST
                    : fields.stream().anyMatch(TOOL_KEYS::contains) ? EVERY_LIST.subList(0, 1) : List.of();
            Optional<String> bundle = Optional.of(alias);
            methods.forEach(method -> sessions.broadcast(method, session -> session.bundle().equals(bundle)));
        });
        removed.forEach(alias -> {
            int open = sessions.onBundle(alias);
            if (open > 0) {
                log.info("gateway bundle={} removed; its {} session(s) get an error at their next request", alias, open);
            }
        });
    }

    /**
     * The bundles for {@code zeroclaw status}: alias, the servers of {@code configured} in its view,
     * the sessions open on it. Never a token.
     */
    public List<Map<String, Object>> status(List<String> configured) {
        return all().stream().map(bundle -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("alias", bundle.alias());
            entry.put("servers", configured.stream().filter(bundle::grants).toList());
            entry.put("tools", bundle.tools().stream().map(Object::toString).toList());
            entry.put("auth_token_env", bundle.authTokenEnv().orElse(null));
            entry.put("sessions", sessions.onBundle(bundle.alias()));
            return entry;
        }).toList();
    }
}
