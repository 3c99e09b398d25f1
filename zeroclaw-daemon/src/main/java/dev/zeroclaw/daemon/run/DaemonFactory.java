package dev.zeroclaw.daemon.run;

import static java.util.Objects.requireNonNull;

import com.google.inject.Injector;
import com.google.inject.Module;
import dev.zeroclaw.daemon.config.ConfigModule;
import dev.zeroclaw.daemon.wiring.Bootstrap;
import dev.zeroclaw.daemon.wiring.JsonModule;
import jakarta.inject.Inject;
import java.util.List;

/**
 * Builds a daemon: an injector of its own from the production modules, so that
 * {@code zeroclaw daemon} and an embedded daemon are wired by the same code, the embedded one
 * with a few bindings overridden.
 */
public final class DaemonFactory {

    @Inject
    public DaemonFactory() {}

    /** The daemon {@code zeroclaw daemon} runs; nothing of it has started yet. */
    public Daemon create(DaemonOptions options) {
        return injector(options, List.of()).getInstance(Daemon.class);
    }

    /** The production modules of a daemon started with {@code options}, with {@code overrides} replacing their bindings. */
    public static Injector injector(DaemonOptions options, List<Module> overrides) {
        requireNonNull(options, "options is null");
        return Bootstrap.of(modules(options)).withOverrides(overrides).initialize();
    }

    /** Every module of the daemon, in one list. */
    public static List<Module> modules(DaemonOptions options) {
        return List.of(new JsonModule(), new ConfigModule(), new TransportModule(), new DaemonModule(options));
    }
}
