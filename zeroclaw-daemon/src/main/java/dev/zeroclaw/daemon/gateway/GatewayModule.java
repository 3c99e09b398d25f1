package dev.zeroclaw.daemon.gateway;

import com.google.inject.Binder;
import com.google.inject.Module;
import com.google.inject.Singleton;

/** The endpoint MCP clients connect to, and what it keeps: sessions, cached lists, metrics. */
public final class GatewayModule implements Module {

    @Override
    public void configure(Binder binder) {
        binder.bind(GatewaySessions.class).in(Singleton.class);
        binder.bind(UpstreamListCache.class).in(Singleton.class);
        binder.bind(ProgressRoutes.class).in(Singleton.class);
        binder.bind(ResourceSubscriptions.class).in(Singleton.class);
        binder.bind(ReadyWaiters.class).in(Singleton.class);
        binder.bind(ServerRequestRelay.class).in(Singleton.class);
        binder.bind(GatewayMetrics.class).in(Singleton.class);
        binder.bind(ListChangeNotifier.class).in(Singleton.class);
        binder.bind(GatewayProtocol.class).in(Singleton.class);
        binder.bind(GatewayServer.class).in(Singleton.class);
    }
}
