package dev.zeroclaw.daemon.wiring;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.inject.Binder;
import com.google.inject.Module;
import com.google.inject.Provides;
import com.google.inject.Singleton;

/** The one {@link ObjectMapper} of an injector: JSON-RPC, control replies, {@code --json} output. */
public final class JsonModule implements Module {

    @Override
    public void configure(Binder binder) {}

    @Provides
    @Singleton
    ObjectMapper objectMapper() {
        return new ObjectMapper();
    }
}
