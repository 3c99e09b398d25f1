package dev.zeroclaw.daemon.config;

import com.google.inject.Binder;
import com.google.inject.Module;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import dev.zeroclaw.config.ConfigParser;
import dev.zeroclaw.daemon.transport.TransportCatalog;
import java.util.Set;
import java.util.TreeSet;

/** Reading and validating configuration files. */
public final class ConfigModule implements Module {

    @Override
    public void configure(Binder binder) {
        binder.bind(ConfigLoader.class).in(Singleton.class);
    }

    /** Knows the built-in transport names and every installed provider's. */
    @Provides
    @Singleton
    ConfigParser configParser(TransportCatalog transports) {
        Set<String> names = new TreeSet<>(ConfigParser.BUILT_IN_TRANSPORTS);
        transports.installed().forEach(provider -> names.add(provider.name()));
        return new ConfigParser(names);
    }
}
