package dev.zeroclaw.daemon.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.inject.Binder;
import com.google.inject.Module;
import com.google.inject.Provides;
import com.google.inject.Singleton;

/** The {@code zeroclaw} commands and what they print with. */
public final class CliModule implements Module {

    @Override
    public void configure(Binder binder) {
        binder.requireExplicitBindings();
        binder.disableCircularProxies();
        binder.bind(ZeroclawCommand.class);
        binder.bind(ConfigCommand.class);
        binder.bind(ConfigCheckCommand.class);
        binder.bind(DiffCommand.class);
        binder.bind(DemoServerCommand.class);
        binder.bind(DaemonCommand.class);
        binder.bind(StatusCommand.class);
        binder.bind(ReloadCommand.class);
        binder.bind(TransportsCommand.class);
        binder.bind(ConnectCommand.class);
    }

    @Provides
    @Singleton
    ObjectMapper objectMapper() {
        return new ObjectMapper();
    }
}
