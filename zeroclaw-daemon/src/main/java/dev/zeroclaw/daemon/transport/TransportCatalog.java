package dev.zeroclaw.daemon.transport;

import static java.util.Objects.requireNonNull;

import dev.zeroclaw.api.transport.TransportProvider;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/** The installed transport providers by name, each with where it came from. */
public final class TransportCatalog {

    private final Map<String, InstalledProvider> providers;
    private final List<String> problems;

    private TransportCatalog(Map<String, InstalledProvider> providers, List<String> problems) {
        this.providers = Collections.unmodifiableMap(providers);
        this.problems = List.copyOf(problems);
    }

    /** Every provider {@link ServiceLoader} finds through {@code loader}. */
    public static TransportCatalog load(ClassLoader loader) {
        Map<String, InstalledProvider> found = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        ServiceLoader<TransportProvider> services = ServiceLoader.load(TransportProvider.class, loader);
        var iterator = services.stream().iterator();
        while (true) {
            ServiceLoader.Provider<TransportProvider> candidate;
            try {
                if (!iterator.hasNext()) {
                    break;
                }
                candidate = iterator.next();
            } catch (ServiceConfigurationError e) {
                problems.add("a transport provider could not be loaded: " + e.getMessage());
                continue;
            }
            add(found, problems, candidate);
        }
        return new TransportCatalog(found, problems);
    }

    /** A catalog of exactly these providers, for tests and embedding. */
    public static TransportCatalog of(List<TransportProvider> providers) {
        Map<String, InstalledProvider> found = new LinkedHashMap<>();
        for (TransportProvider provider : providers) {
            found.put(provider.name(), new InstalledProvider(provider, origin(provider.getClass())));
        }
        return new TransportCatalog(found, List.of());
    }

    public Optional<TransportProvider> find(String name) {
        return Optional.ofNullable(providers.get(name)).map(InstalledProvider::provider);
    }

    public List<InstalledProvider> installed() {
        return List.copyOf(providers.values());
    }

    /** Providers that failed to load or clashed, one sentence each. */
    public List<String> problems() {
        return problems;
    }

    private static void add(
            Map<String, InstalledProvider> found, List<String> problems, ServiceLoader.Provider<TransportProvider> candidate) {
        TransportProvider provider;
        String name;
        try {
            provider = candidate.get();
            name = requireNonNull(provider.name(), "name() returned null");
        } catch (RuntimeException | ServiceConfigurationError e) {
            problems.add("transport provider " + candidate.type().getName() + " failed to load: " + e);
            return;
        }
        InstalledProvider installed = new InstalledProvider(provider, origin(candidate.type()));
        InstalledProvider clash = found.putIfAbsent(name, installed);
        if (clash != null) {
            problems.add("two transport providers are named '" + name + "': " + clash.origin() + " and "
                    + installed.origin() + "; using the first");
        }
    }

    private static String origin(Class<?> type) {
        CodeSource source = type.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            return "built-in";
        }
        try {
            Path path = Path.of(source.getLocation().toURI());
            return path.toString();
        } catch (URISyntaxException | IllegalArgumentException e) {
            return source.getLocation().toString();
        }
    }

    /**
     * A provider and its origin.
     *
     * @param provider the provider
     * @param origin the jar or directory it was loaded from
     */
    public record InstalledProvider(TransportProvider provider, String origin) {

        public InstalledProvider {
            requireNonNull(provider, "provider is null");
            requireNonNull(origin, "origin is null");
        }

        public String name() {
            return provider.name();
        }
    }
}
