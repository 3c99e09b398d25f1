package dev.zeroclaw.plugins;

import static java.util.Objects.requireNonNull;

import dev.zeroclaw.api.transport.TransportProvider;
import java.util.List;

/**
 * A plugin folder after loading: the providers it offers and what went wrong.
 *
 * @param folder the folder and its fingerprint
 * @param providers its providers, each guarded (see {@link PluginLoader}); names checked
 * @param problems one sentence per provider that failed, or why the folder offers none
 */
public record LoadedPlugin(PluginFolder folder, List<TransportProvider> providers, List<String> problems) {

    public LoadedPlugin {
        requireNonNull(folder, "folder is null");
        providers = List.copyOf(providers);
        problems = List.copyOf(problems);
    }
}
