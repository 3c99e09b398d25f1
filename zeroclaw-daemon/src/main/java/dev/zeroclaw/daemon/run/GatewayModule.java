package dev.zeroclaw.daemon.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.inject.Binder;
import com.google.inject.Module;
import com.google.inject.Provider;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import dev.zeroclaw.gateway.GatewayMetrics;
import dev.zeroclaw.gateway.GatewayProtocol;
import dev.zeroclaw.gateway.GatewayServer;
import dev.zeroclaw.gateway.GatewaySessions;
import dev.zeroclaw.gateway.ListChangeNotifier;
import dev.zeroclaw.gateway.ProgressRoutes;
import dev.zeroclaw.gateway.ReadyWaiters;
import dev.zeroclaw.gateway.ResourceSubscriptions;
import dev.zeroclaw.gateway.ServerRequestRelay;
import dev.zeroclaw.gateway.UpstreamListCache;
import dev.zeroclaw.supervisor.ServerRegistry;
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

    @Provides
    @Singleton
    ListChangeNotifier listChangeNotifier(GatewaySessions sessions, UpstreamListCache cache, ProgressRoutes progress,
            ResourceSubscriptions subscriptions, ReadyWaiters waiters, ServerRequestRelay relay, ObjectMapper json) {
        return new ListChangeNotifier(sessions, cache, progress, subscriptions, waiters, relay, json);
    }

    @Provides
    @Singleton
    GatewayProtocol protocol(ServerRegistry registry, UpstreamListCache cache, GatewayMetrics metrics, ProgressRoutes progress,
            ResourceSubscriptions subscriptions, ReadyWaiters waiters, ObjectMapper json, ServerRequestRelay relay) {
        return new GatewayProtocol(registry, cache, metrics, progress, subscriptions, waiters, json, relay);
    }

    @Provides
    @Singleton
    GatewayServer server(GatewayProtocol protocol, GatewaySessions sessions, GatewayMetrics metrics, ServerRegistry registry,
            ObjectMapper json, ScheduledExecutorService timers) {
        return new GatewayServer(protocol, sessions, metrics, registry, json, timers);
    }
}
