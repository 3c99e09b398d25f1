package dev.zeroclaw.daemon.wiring;

import static java.util.Objects.requireNonNull;

import com.google.inject.Binder;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Module;
import com.google.inject.Stage;
import com.google.inject.util.Modules;
import java.util.ArrayList;
import java.util.List;

/**
 * Creates every injector of the program (the CLI's, the daemon's, an embedded daemon's) with the
 * same options, set here once: {@link Stage#PRODUCTION} (singletons built at once, so a wiring
 * mistake fails at start, not at the first reload), explicit bindings only, no circular proxies.
 * Modules never set these themselves. As Airlift's {@code Bootstrap}, it only wires: nothing is
 * started here; what runs is started by the daemon's {@code LifeCycleManager}.
 */
public final class Bootstrap {

    private final List<Module> modules;
    private final List<Module> overrides;

    private Bootstrap(List<Module> modules, List<Module> overrides) {
        this.modules = List.copyOf(modules);
        this.overrides = List.copyOf(overrides);
    }

    public static Bootstrap of(Module... modules) {
        return of(List.of(modules));
    }

    public static Bootstrap of(List<Module> modules) {
        return new Bootstrap(requireNonNull(modules, "modules is null"), List.of());
    }

    /** Bindings that replace the modules' own ({@link Modules#override}): tests and embedding. */
    public Bootstrap withOverrides(List<Module> overriding) {
        List<Module> all = new ArrayList<>(overrides);
        all.addAll(requireNonNull(overriding, "overriding is null"));
        return new Bootstrap(modules, all);
    }

    public Injector initialize() {
        Module wiring = overrides.isEmpty() ? Modules.combine(modules) : Modules.override(modules).with(overrides);
        return Guice.createInjector(Stage.PRODUCTION, Bootstrap::options, wiring);
    }

    private static void options(Binder binder) {
        binder.requireExplicitBindings();
        binder.disableCircularProxies();
    }
}
