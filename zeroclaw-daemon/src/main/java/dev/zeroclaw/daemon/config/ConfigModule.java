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

    /**
     * Accepts any well-formed transport name: which plugins are installed is known only once the
     * plugins folder the file names has been read, and a server whose transport is missing fails
     * alone, at start, while the others run. {@code zeroclaw config check} checks the names
     * against the installed providers.
     */
    @Provides
    @Singleton
    ConfigParser configParser() {
        return ConfigParser.acceptingAnyTransport();
    }

    /** Secrets come from the daemon's own environment: its PATH for op, its CREDENTIALS_DIRECTORY. */
    @Provides
    @Singleton
    SecretEnvironment secretEnvironment() {
        return SecretEnvironment.ofThisProcess();
    }
}
