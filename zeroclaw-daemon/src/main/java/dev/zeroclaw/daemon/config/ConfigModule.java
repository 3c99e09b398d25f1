package dev.zeroclaw.daemon.config;

import com.google.inject.Binder;
import com.google.inject.Module;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import dev.zeroclaw.config.ConfigParser;

/** Reading and validating configuration files. */
public final class ConfigModule implements Module {

    @Override
    public void configure(Binder binder) {
        binder.bind(ConfigLoader.class).in(Singleton.class);
    }

    @Provides
    @Singleton
    ConfigParser configParser() {
        return new ConfigParser();
    }
}
