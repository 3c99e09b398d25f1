package dev.zeroclaw.daemon.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.inject.Binder;
import com.google.inject.Module;
import com.google.inject.Provider;
import com.google.inject.Provides;
import com.google.inject.Singleton;
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
import dev.zeroclaw.supervisor.ServerRegistry;
import dev.zeroclaw.telemetry.Observability;
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
    GatewaySessions sessions() {
        return new GatewaySessions();
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
            Provider<ListUnion> lists) {
        return new ListChangeNotifier(sessions, cache, progress, subscriptions, waiters, relay, json,
                server -> lists.get().reviewPins(server));
    }

    /** An approval changes what clients may list: every session hears it. */
    @Provides
    @Singleton
    ToolPins toolPins(PinStore store, GatewaySessions sessions, ObjectMapper json) {
        return new ToolPins(store, json, server -> sessions.broadcast("notifications/tools/list_changed"));
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

    @Provides
    @Singleton
    GatewayProtocol protocol(GatewayHandshake handshake, ListUnion lists, CallRouter calls, ResourceSubscriptions subscriptions,
            ServerRequestRelay relay, ObjectMapper json, Observability observability) {
        return new GatewayProtocol(handshake, lists, calls, subscriptions, relay, json, observability);
    }

    @Provides
    @Singleton
    GatewayServer server(GatewayProtocol protocol, GatewaySessions sessions, GatewayMetrics metrics, ServerRegistry registry,
            ObjectMapper json, ScheduledExecutorService timers) {
        return new GatewayServer(protocol, sessions, metrics, registry, json, timers);
    }
}
