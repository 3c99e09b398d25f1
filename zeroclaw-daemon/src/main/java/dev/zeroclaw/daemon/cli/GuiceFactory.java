package dev.zeroclaw.daemon.cli;

import static java.util.Objects.requireNonNull;

import com.google.inject.Binding;
import com.google.inject.Injector;
import com.google.inject.Key;
import picocli.CommandLine;

/** Lets picocli take commands from the injector, and everything else from its own factory. */
final class GuiceFactory implements CommandLine.IFactory {

    private final Injector injector;

    private GuiceFactory(Injector injector) {
        this.injector = requireNonNull(injector, "injector is null");
    }

    /**
     * Typed as picocli's interface: {@link Main} then passes it on as it is, and the JVM's verifier
     * does not load picocli when {@code Main} runs {@code status} or {@code reload} without it.
     */
    static CommandLine.IFactory of(Injector injector) {
        return new GuiceFactory(injector);
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
