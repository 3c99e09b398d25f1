package dev.zeroclaw.plugins;

import static java.util.Objects.requireNonNull;

import dev.zeroclaw.api.transport.TransportProvider;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

/**
 * Loads one plugin folder: a {@link PluginClassLoader} over its jars, then
 * {@link ServiceLoader} with that loader as the thread's context class loader.
 *
 * <p>Every failure is a sentence in {@link LoadedPlugin#problems}, never an exception: a provider
 * whose class is missing or does not link, whose constructor or {@code name()} throws, or whose name
 * is not lower-case letters, digits and {@code -}, is left out and the folder's other providers load.
 * A folder that offers no provider at all is a problem too, not a silent skip, and so is a plugin
 * whose providers do not finish constructing within {@link #LOAD_DEADLINE}.
 */
public final class PluginLoader {

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]*");
    /** Far more than any plugin offers; bounds the loop should a broken services file repeat an error. */
    private static final int MAX_PROVIDERS = 1_000;
    /** How long a plugin's providers may take to construct and name themselves. */
    public static final Duration LOAD_DEADLINE = Duration.ofSeconds(10);

    private PluginLoader() {}

    /**
     * Loads a plugin, waiting at most {@link #LOAD_DEADLINE} for its providers' constructors and
     * {@code name()}.
     *
     * @param folder the plugin
     * @param spiLoader the daemon's class loader, which provides the SPI packages
     */
    public static LoadedPlugin load(PluginFolder folder, ClassLoader spiLoader) {
        return load(folder, spiLoader, LOAD_DEADLINE);
    }

    /**
     * Loads a plugin on a thread of its own and waits at most {@code deadline}: a provider whose
     * constructor or {@code name()} never returns must not hold up the daemon's start or a reload.
     * Such a plugin offers nothing; its thread is left to finish (or not) on its own.
     */
    static LoadedPlugin load(PluginFolder folder, ClassLoader spiLoader, Duration deadline) {
        requireNonNull(folder, "folder is null");
        requireNonNull(spiLoader, "spiLoader is null");
        requireNonNull(deadline, "deadline is null");
        CompletableFuture<LoadedPlugin> loaded = new CompletableFuture<>();
        Thread loading = new Thread(() -> {
            try {
                loaded.complete(loadHere(folder, spiLoader));
            } catch (RuntimeException | LinkageError e) {
                loaded.complete(new LoadedPlugin(folder, List.of(), List.of("plugin " + folder.path() + " failed to load: " + e)));
            }
        }, "zeroclaw-plugin-load-" + folder.name());
        loading.setDaemon(true);
        loading.start();
        try {
            return loaded.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return new LoadedPlugin(folder, List.of(), List.of("plugin " + folder.path() + " did not finish loading within "
                    + deadline.toMillis() + " ms (a provider's constructor or name() does not return); it is not used"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new LoadedPlugin(folder, List.of(), List.of("plugin " + folder.path() + ": loading was interrupted"));
        } catch (ExecutionException e) {
            throw new IllegalStateException("completed normally only", e);
        }
    }

    private static LoadedPlugin loadHere(PluginFolder folder, ClassLoader spiLoader) {
        List<URL> jars = new ArrayList<>();
        for (Path jar : folder.jars()) {
            try {
                jars.add(jar.toUri().toURL());
            } catch (MalformedURLException e) {
                return new LoadedPlugin(folder, List.of(), List.of("plugin " + folder.path() + ": " + jar + " is not a usable path"));
            }
        }
        PluginClassLoader loader = new PluginClassLoader(folder.name(), jars, spiLoader);
        List<TransportProvider> providers = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        PluginCall.in(loader, () -> {
            Iterator<ServiceLoader.Provider<TransportProvider>> found =
                    ServiceLoader.load(TransportProvider.class, loader).stream().iterator();
            for (int i = 0; i < MAX_PROVIDERS; i++) {
                ServiceLoader.Provider<TransportProvider> candidate;
                try {
                    if (!found.hasNext()) {
                        break;
                    }
                    candidate = found.next();
                } catch (ServiceConfigurationError | LinkageError e) {
                    problems.add("plugin " + folder.path() + ": a transport provider could not be loaded: " + message(e));
                    continue;
                }
                instantiate(folder, loader, candidate, providers, problems);
            }
            return null;
        });
        if (providers.isEmpty() && problems.isEmpty()) {
            problems.add("plugin " + folder.path() + " provides no transport: none of its jars lists one in "
                    + "META-INF/services/" + TransportProvider.class.getName());
        }
        return new LoadedPlugin(folder, providers, problems);
    }

    private static void instantiate(PluginFolder folder, ClassLoader loader, ServiceLoader.Provider<TransportProvider> candidate,
            List<TransportProvider> providers, List<String> problems) {
        String type;
        String name;
        TransportProvider provider;
        try {
            type = candidate.type().getName();
            provider = candidate.get();
            name = provider.name();
        } catch (ServiceConfigurationError | RuntimeException | LinkageError e) {
            problems.add("plugin " + folder.path() + ": a transport provider failed to load: " + message(e));
            return;
        }
        if (name == null || !NAME.matcher(name).matches()) {
            problems.add("plugin " + folder.path() + ": provider " + type + " has the name '" + name
                    + "'; a transport's name is lower-case letters, digits and '-'");
            return;
        }
        providers.add(new PluginProvider(provider, name, loader, folder.path().toString()));
    }

    // ServiceConfigurationError wraps the plugin's own exception; its message is what the author needs.
    private static String message(Throwable e) {
        Throwable cause = e instanceof ServiceConfigurationError && e.getCause() != null ? e.getCause() : e;
        String text = cause.toString();
        return e == cause ? text : e.getMessage() + " (" + text + ")";
    }
}
