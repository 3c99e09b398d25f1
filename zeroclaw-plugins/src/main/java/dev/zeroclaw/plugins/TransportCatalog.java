package dev.zeroclaw.plugins;

import static java.util.Objects.requireNonNull;

import dev.zeroclaw.api.transport.TransportProvider;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The installed transport providers by name, each with where it came from: the built-in ones, found
 * on the daemon's own class path, and those of the plugins folder, each plugin in its own class
 * loader (see {@link dev.zeroclaw.plugins.PluginClassLoader}).
 *
 * <p>The built-in providers are fixed. The plugins are read by {@link #refresh} when the daemon
 * starts and at every reload; a plugin folder whose jars did not change keeps its loaded providers,
 * so the servers that use them are left alone. Names are unique: a plugin cannot take a built-in
 * name, and a name two plugins claim belongs to neither until one is removed.
 *
 * <p>The catalog of one moment is an immutable snapshot, replaced whole by {@link #refresh}
 * (one at a time: the method is synchronized); readers on any thread see the old one or the new
 * one, without locking.
 */
public final class TransportCatalog {

    private final ClassLoader spiLoader;
    private final List<InstalledProvider> builtIns;
    private final List<String> builtInProblems;
    private volatile Snapshot snapshot;

    private TransportCatalog(ClassLoader spiLoader, List<InstalledProvider> builtIns, List<String> builtInProblems) {
        this.spiLoader = spiLoader;
        this.builtIns = List.copyOf(builtIns);
        this.builtInProblems = List.copyOf(builtInProblems);
        this.snapshot = Snapshot.of(Optional.empty(), builtIns, List.of(), builtInProblems, Map.of());
    }

    /** Every provider {@link ServiceLoader} finds through {@code loader}, as built-ins; no plugin yet. */
    public static TransportCatalog load(ClassLoader loader) {
        requireNonNull(loader, "loader is null");
        List<InstalledProvider> found = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        var iterator = ServiceLoader.load(TransportProvider.class, loader).stream().iterator();
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
            try {
                TransportProvider provider = candidate.get();
                requireNonNull(provider.name(), "name() returned null");
                found.add(new InstalledProvider(provider, "built-in " + origin(candidate.type())));
            } catch (RuntimeException | ServiceConfigurationError e) {
                problems.add("transport provider " + candidate.type().getName() + " failed to load: " + e);
            }
        }
        return new TransportCatalog(loader, found, problems);
    }

    /** A catalog of exactly these providers, as built-ins, for tests and embedding. */
    public static TransportCatalog of(List<TransportProvider> providers) {
        List<InstalledProvider> found = providers.stream()
                .map(provider -> new InstalledProvider(provider, "built-in " + origin(provider.getClass())))
                .toList();
        return new TransportCatalog(TransportCatalog.class.getClassLoader(), found, List.of());
    }

    /**
     * Reads the plugins folder again and installs what it holds now.
     *
     * @return the transport names whose provider appeared, went away or was replaced, and the
     *     problems that were not there before
     */
    public synchronized TransportChanges refresh(Path pluginDir) {
        requireNonNull(pluginDir, "pluginDir is null");
        Snapshot before = snapshot;
        PluginDirectory directory = PluginDirectory.read(pluginDir);
        Map<Path, LoadedPlugin> loaded = new LinkedHashMap<>();
        for (PluginFolder folder : directory.plugins()) {
            LoadedPlugin kept = before.plugins().get(folder.path());
            loaded.put(folder.path(), kept != null && kept.folder().fingerprint().equals(folder.fingerprint())
                    ? kept
                    : PluginLoader.load(folder, spiLoader));
        }
        List<String> problems = new ArrayList<>(builtInProblems);
        problems.addAll(directory.problems());
        loaded.values().forEach(plugin -> problems.addAll(plugin.problems()));
        Snapshot after = Snapshot.of(Optional.of(pluginDir), builtIns, List.copyOf(loaded.values()), problems,
                before.removedPlugins(loaded.keySet()));
        snapshot = after;
        Set<String> changed = new TreeSet<>();
        Set<String> names = new HashSet<>(before.providers().keySet());
        names.addAll(after.providers().keySet());
        for (String name : names) {
            if (before.find(name).orElse(null) != after.find(name).orElse(null)) {
                changed.add(name);
            }
        }
        List<String> newProblems = after.problems().stream().filter(problem -> !before.problems().contains(problem)).toList();
        return new TransportChanges(changed, newProblems);
    }

    public Optional<TransportProvider> find(String name) {
        return snapshot.find(name);
    }

    /**
     * Why no provider of that name is installed, for a server's {@code last_error}: it begins with
     * {@code no transport provider named 'x' is installed} and goes on with what the daemon knows
     * (its plugin was removed, two plugins claim it, which names are installed, where plugins are read).
     */
    public String whyMissing(String name) {
        Snapshot current = snapshot;
        String head = "no transport provider named '" + name + "' is installed";
        String reason = current.unavailable().get(name);
        if (reason != null) {
            return head + ": " + reason;
        }
        return head + " (installed: " + String.join(", ", new TreeSet<>(current.providers().keySet()))
                + current.pluginDir().map(dir -> "; plugins are read from " + dir).orElse("") + ")";
    }

    /** The installed providers: built-ins first, then plugins in folder order. */
    public List<InstalledProvider> installed() {
        return List.copyOf(snapshot.providers().values());
    }

    /** Providers that failed to load or clashed, and problems of the plugins folder, one sentence each. */
    public List<String> problems() {
        return snapshot.problems();
    }

    /** The plugins folder last read, if any. */
    public Optional<Path> pluginDir() {
        return snapshot.pluginDir();
    }

    private static String origin(Class<?> type) {
        CodeSource source = type.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            return "(the JDK)";
        }
        try {
            return Path.of(source.getLocation().toURI()).toString();
        } catch (URISyntaxException | IllegalArgumentException e) {
            return source.getLocation().toString();
        }
    }

    /**
     * A provider and its origin.
     *
     * @param provider the provider
     * @param origin {@code built-in} and the jar or directory it was loaded from, or {@code plugin} and its folder
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

    /**
     * What a {@link #refresh} changed.
     *
     * @param transports names whose provider appeared, went away or was replaced; the servers using
     *     them must be restarted through the catalog as it is now
     * @param newProblems problems found that the previous catalog did not have
     */
    public record TransportChanges(Set<String> transports, List<String> newProblems) {

        public TransportChanges {
            transports = Collections.unmodifiableSet(new TreeSet<>(transports));
            newProblems = List.copyOf(newProblems);
        }
    }

    /**
     * The catalog at one moment.
     *
     * @param pluginDir the plugins folder read, if one was
     * @param providers usable providers by name
     * @param unavailable names that have no usable provider, with why (a plugin removed, a clash)
     * @param problems every problem, one sentence each
     * @param plugins the loaded plugins by folder, to keep those that did not change
     */
    private record Snapshot(Optional<Path> pluginDir, Map<String, InstalledProvider> providers,
            Map<String, String> unavailable, List<String> problems, Map<Path, LoadedPlugin> plugins) {

        static Snapshot of(Optional<Path> pluginDir, List<InstalledProvider> builtIns, List<LoadedPlugin> plugins,
                List<String> knownProblems, Map<String, String> removed) {
            Map<String, InstalledProvider> providers = new LinkedHashMap<>();
            Map<String, String> unavailable = new TreeMap<>(removed);
            List<String> problems = new ArrayList<>(knownProblems);
            for (InstalledProvider builtIn : builtIns) {
                InstalledProvider clash = providers.putIfAbsent(builtIn.name(), builtIn);
                if (clash != null) {
                    problems.add("two built-in transport providers are named '" + builtIn.name() + "': " + clash.origin()
                            + " and " + builtIn.origin() + "; using the first");
                }
            }
            Set<String> builtInNames = Set.copyOf(providers.keySet());
            Map<String, List<String>> claims = new TreeMap<>();
            Map<Path, LoadedPlugin> byFolder = new LinkedHashMap<>();
            for (LoadedPlugin plugin : plugins) {
                byFolder.put(plugin.folder().path(), plugin);
                for (TransportProvider provider : plugin.providers()) {
                    if (builtInNames.contains(provider.name())) {
                        problems.add("plugin " + plugin.folder().path() + " provides '" + provider.name()
                                + "', the name of a built-in transport; the built-in one is used");
                        continue;
                    }
                    claims.computeIfAbsent(provider.name(), name -> new ArrayList<>()).add(plugin.folder().path().toString());
                    providers.putIfAbsent(provider.name(), new InstalledProvider(provider, "plugin " + plugin.folder().path()));
                }
            }
            claims.forEach((name, folders) -> {
                if (folders.size() > 1) {
                    providers.remove(name);
                    String reason = "two providers claim it (" + String.join(", ", folders) + "), so neither is used;"
                            + " remove one and reload";
                    unavailable.put(name, reason);
                    problems.add("transport '" + name + "': " + reason);
                }
            });
            unavailable.keySet().removeAll(providers.keySet());
            return new Snapshot(pluginDir, Collections.unmodifiableMap(providers), Collections.unmodifiableMap(unavailable),
                    List.copyOf(problems.stream().distinct().collect(Collectors.toList())), Collections.unmodifiableMap(byFolder));
        }

        Optional<TransportProvider> find(String name) {
            return Optional.ofNullable(providers.get(name)).map(InstalledProvider::provider);
        }

        /** Names this snapshot's plugins provided whose folder is not among {@code stillThere}, with why. */
        Map<String, String> removedPlugins(Set<Path> stillThere) {
            Map<String, String> removed = new TreeMap<>();
            plugins.forEach((folder, plugin) -> {
                if (!stillThere.contains(folder)) {
                    plugin.providers().forEach(provider ->
                            removed.put(provider.name(), "its plugin " + folder + " was removed"));
                }
            });
            unavailable.forEach(removed::putIfAbsent);
            return removed;
        }
    }
}
