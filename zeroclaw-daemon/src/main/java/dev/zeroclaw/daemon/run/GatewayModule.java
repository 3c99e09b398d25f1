package dev.zeroclaw.daemon.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.inject.Binder;
import com.google.inject.Module;
import com.google.inject.Provider;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import dev.zeroclaw.api.DaemonSettings;
import dev.zeroclaw.daemon.config.AppliedConfig;
import dev.zeroclaw.daemon.events.EventLog;
import dev.zeroclaw.daemon.events.SessionRecorder;
import dev.zeroclaw.daemon.oauth.GatewayAccessTokens;
import dev.zeroclaw.daemon.state.StateToolSizes;
import dev.zeroclaw.gateway.deferred.DeferredTools;
import dev.zeroclaw.gateway.deferred.ToolDefinitionSizes;
import dev.zeroclaw.gateway.http.GatewayServer;
import dev.zeroclaw.gateway.lists.ListChangeNotifier;
import dev.zeroclaw.gateway.lists.ListUnion;
import dev.zeroclaw.gateway.lists.UpstreamListCache;
import dev.zeroclaw.gateway.metrics.GatewayMetrics;
import dev.zeroclaw.gateway.pins.PinStore;
import dev.zeroclaw.gateway.pins.ToolPins;
import dev.zeroclaw.gateway.protocol.GatewayHandshake;
import dev.zeroclaw.gateway.protocol.GatewayProtocol;
import dev.zeroclaw.gateway.relay.ProgressRoutes;
import dev.zeroclaw.gateway.relay.ServerRequestRelay;
import dev.zeroclaw.gateway.routing.CallRouter;
import dev.zeroclaw.gateway.routing.ReadyWaiters;
import dev.zeroclaw.gateway.routing.ResourceSubscriptions;
import dev.zeroclaw.gateway.session.GatewaySessions;
import dev.zeroclaw.gateway.view.BundleViews;
import dev.zeroclaw.supervisor.ServerRegistry;
import dev.zeroclaw.supervisor.ServerSupervisor;
import dev.zeroclaw.telemetry.Observability;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The endpoint MCP clients connect to, and what it keeps: sessions, cached lists, metrics. The
 * gateway's classes are plain Java; this module is their only tie to Guice.
 */
public final class GatewayModule implements Module {

    @Override
    public void configure(Binder binder) {}

    @Provides
    @Singleton
    GatewaySessions sessions(EventLog events) {
        return new GatewaySessions(new SessionRecorder(events));
    }

    /** The fleet's recent events ({@code zeroclaw events}); the gateway's sessions are some of them. */
    @Provides
    @Singleton
    EventLog events() {
        return new EventLog(Clock.systemUTC());
    }

    @Provides
    @Singleton
    UpstreamListCache listCache() {
        return new UpstreamListCache();
    }

    @Provides
    @Singleton
    ProgressRoutes progressRoutes() {
        return new ProgressRoutes();
    }

    /** The registry is built after the gateway's listeners (it tells them of its servers), so it is looked up late. */
    @Provides
    @Singleton
    ResourceSubscriptions subscriptions(Provider<ServerRegistry> registry, ObjectMapper json) {
        return new ResourceSubscriptions(registry::get, json);
    }

    @Provides
    @Singleton
    ReadyWaiters readyWaiters() {
        return new ReadyWaiters();
    }

    @Provides
    @Singleton
    ServerRequestRelay relay(ObjectMapper json) {
        return new ServerRequestRelay(json);
    }

    @Provides
    @Singleton
    GatewayMetrics metrics() {
        return new GatewayMetrics();
    }

    /** The list union needs the registry, which is built after this listener: it is looked up late. */
    @Provides
    @Singleton
    ListChangeNotifier listChangeNotifier(GatewaySessions sessions, UpstreamListCache cache, ProgressRoutes progress,
            ResourceSubscriptions subscriptions, ReadyWaiters waiters, ServerRequestRelay relay, ObjectMapper json,
            Provider<ListUnion> lists, Provider<ServerRegistry> registry, ToolDefinitionSizes sizes, BundleViews views) {
        return new ListChangeNotifier(sessions, cache, progress, subscriptions, waiters, relay, json, server -> {
            registry.get().find(server).flatMap(ServerSupervisor::tools).ifPresent(tools -> sizes.record(server, tools));
            lists.get().reviewPins(server);
        }, views);
    }

    /** Measured when a server is READY (its handshake's list); kept in the state directory for {@code config check}. */
    @Provides
    @Singleton
    ToolDefinitionSizes toolDefinitionSizes(DeferredTools deferred, StateToolSizes kept, ObjectMapper json) {
        return new ToolDefinitionSizes(deferred.entries(), kept::write, json);
    }

    /** The bundles of the configuration applied now, read at each request: a reload applies them live. */
    @Provides
    @Singleton
    BundleViews bundleViews(AppliedConfig applied, GatewaySessions sessions) {
        return new BundleViews(() -> applied.current().map(snapshot -> snapshot.config().bundles()).orElse(List.of()), sessions);
    }

    /** An approval changes what clients may list: every session that sees the server hears it. */
    @Provides
    @Singleton
    ToolPins toolPins(PinStore store, GatewaySessions sessions, BundleViews views, ObjectMapper json) {
        return new ToolPins(store, json, server -> sessions.broadcast("notifications/tools/list_changed",
                session -> views.sees(session, server)));
    }

    @Provides
    @Singleton
    GatewayHandshake handshake(ObjectMapper json) {
        return new GatewayHandshake(json);
    }

    @Provides
    @Singleton
    ListUnion listUnion(ServerRegistry registry, UpstreamListCache cache, ToolPins pins, ObjectMapper json) {
        return new ListUnion(registry, cache, pins, json);
    }

    @Provides
    @Singleton
    CallRouter callRouter(ServerRegistry registry, GatewayMetrics metrics, ProgressRoutes progress, ReadyWaiters waiters,
            ServerRequestRelay relay, ToolPins pins, ListUnion lists, ObjectMapper json) {
        return new CallRouter(registry, metrics, progress, waiters, relay, pins, lists, json);
    }

    /** Deferred loading reads the applied {@code [mcp] deferred_loading} at each request: a reload applies it live. */
    @Provides
    @Singleton
    DeferredTools deferredTools(AppliedConfig applied, GatewaySessions sessions, ObjectMapper json) {
        return new DeferredTools(() -> applied.current().map(snapshot -> snapshot.config().settings().deferredLoading())
                .orElse(DaemonSettings.DEFAULT_DEFERRED_LOADING),
                () -> sessions.broadcast("notifications/tools/list_changed"), json);
    }

    @Provides
    @Singleton
    GatewayProtocol protocol(GatewayHandshake handshake, ListUnion lists, CallRouter calls, ResourceSubscriptions subscriptions,
            ServerRequestRelay relay, DeferredTools deferred, ObjectMapper json, BundleViews views, Observability observability) {
        return new GatewayProtocol(handshake, lists, calls, subscriptions, relay, deferred, json, views, observability);
    }

    @Provides
    @Singleton
    GatewayServer server(GatewayProtocol protocol, GatewaySessions sessions, GatewayMetrics metrics, ServerRegistry registry,
            ObjectMapper json, ScheduledExecutorService timers, BundleViews views) {
        return new GatewayServer(protocol, sessions, metrics, registry, json, timers, views, GatewayAccessTokens::new);
    }
}
