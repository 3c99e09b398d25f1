package dev.zeroclaw.daemon.run;

import com.google.inject.Binder;
import com.google.inject.Module;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import dev.zeroclaw.plugins.TransportCatalog;

/** The transport providers installed on the class path (built-in ones included). */
public final class TransportModule implements Module {

    @Override
    public void configure(Binder binder) {}

    @Provides
    @Singleton
    TransportCatalog transportCatalog() {
        return TransportCatalog.load(TransportModule.class.getClassLoader());
    }
}
