package dev.zeroclaw.daemon.cli;

import com.google.inject.Binder;
import com.google.inject.Module;
import dev.zeroclaw.daemon.run.DaemonFactory;

/** The {@code zeroclaw} commands; {@code Bootstrap} sets the injector's options. */
public final class CliModule implements Module {

    @Override
    public void configure(Binder binder) {
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
        binder.bind(InitCommand.class);
        binder.bind(ImportCommand.class);
        binder.bind(ToolsCommand.class);
        binder.bind(ToolsApproveCommand.class);
        binder.bind(ToolsDiffCommand.class);
        binder.bind(LogsCommand.class);
        binder.bind(EventsCommand.class);
        binder.bind(AuthCommand.class);
        binder.bind(AuthLoginCommand.class);
        binder.bind(AuthStatusCommand.class);
        binder.bind(AuthLogoutCommand.class);
        binder.bind(DaemonFactory.class);
    }
}
