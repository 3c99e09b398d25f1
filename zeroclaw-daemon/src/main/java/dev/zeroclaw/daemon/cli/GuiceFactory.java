package dev.zeroclaw.daemon.cli;

import static java.util.Objects.requireNonNull;

import com.google.inject.Binding;
import com.google.inject.Injector;
import com.google.inject.Key;
import picocli.CommandLine;

/** Lets picocli take commands from the injector, and everything else from its own factory. */
final class GuiceFactory implements CommandLine.IFactory {

    private final Injector injector;

    GuiceFactory(Injector injector) {
        this.injector = requireNonNull(injector, "injector is null");
    }

    @Override
    public <K> K create(Class<K> type) throws Exception {
        Binding<K> binding = injector.getExistingBinding(Key.get(type));
        if (binding != null) {
            return binding.getProvider().get();
        }
        return CommandLine.defaultFactory().create(type);
    }
}
