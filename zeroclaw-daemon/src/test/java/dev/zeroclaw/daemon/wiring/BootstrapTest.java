package dev.zeroclaw.daemon.wiring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.inject.ConfigurationException;
import com.google.inject.Injector;
import com.google.inject.Module;
import com.google.inject.Stage;
import dev.zeroclaw.daemon.cli.CliModule;
import dev.zeroclaw.daemon.config.ConfigModule;
import dev.zeroclaw.daemon.lifecycle.LifeCycleManager;
import dev.zeroclaw.daemon.reload.ReloadCoordinator;
import dev.zeroclaw.daemon.run.Daemon;
import dev.zeroclaw.daemon.run.DaemonFactory;
import dev.zeroclaw.daemon.run.DaemonOptions;
import dev.zeroclaw.daemon.run.TransportModule;
import dev.zeroclaw.plugins.TransportCatalog;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The injectors of the program, built as {@code zeroclaw} builds them. */
class BootstrapTest {

    private static final DaemonOptions OPTIONS = new DaemonOptions(Path.of("config.toml"), Optional.empty(), Optional.empty());

    @Test
    void theDaemonsInjectorIsBuiltFromTheProductionModulesAndStartsNoThread() {
        Set<String> before = threadNames();

        Injector injector = DaemonFactory.injector(OPTIONS, List.of());

        assertThat(injector.getInstance(Daemon.class)).isSameAs(injector.getInstance(Daemon.class));
        assertThat(injector.getInstance(LifeCycleManager.class).services()).isEmpty();
        // Stage.PRODUCTION built every singleton above; none of them may have started a thread.
        assertThat(threadNames()).isSubsetOf(before);
    }

    @Test
    void theOptionsAreSetOnceForEveryInjector() {
        Injector cli = Bootstrap.of(new CliModule(), new JsonModule(), new TransportModule(), new ConfigModule()).initialize();

        assertThat(cli.getInstance(Stage.class)).isEqualTo(Stage.PRODUCTION);
        // requireExplicitBindings: a class nobody bound is not made up just in time.
        assertThatThrownBy(() -> cli.getInstance(ReloadCoordinator.class)).isInstanceOf(ConfigurationException.class);
    }

    @Test
    void overridesReplaceTheModulesBindings() {
        TransportCatalog given = TransportCatalog.of(List.of());
        Module catalog = binder -> binder.bind(TransportCatalog.class).toInstance(given);

        Injector injector = DaemonFactory.injector(OPTIONS, List.of(catalog));

        assertThat(injector.getInstance(TransportCatalog.class)).isSameAs(given);
    }

    private static Set<String> threadNames() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .collect(Collectors.toSet());
    }
}
