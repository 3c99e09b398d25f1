package dev.zeroclaw.plugins;

import static java.util.Objects.requireNonNull;

import dev.zeroclaw.api.ConfigError;
import dev.zeroclaw.api.ServerSpec;
import dev.zeroclaw.api.transport.ServerEntry;
import dev.zeroclaw.api.transport.Transport;
import dev.zeroclaw.api.transport.TransportContext;
import dev.zeroclaw.api.transport.TransportProvider;
import java.util.List;

/**
 * A provider of a plugin, as the daemon calls it: its name read once at load time, every call made
 * in the plugin's context class loader, and every failure of the plugin's code (a
 * {@link LinkageError} included) turned into what the daemon handles for any provider, so that a
 * broken plugin fails its own servers and nothing else.
 */
final class PluginProvider implements TransportProvider {

    private final TransportProvider provider;
    private final String name;
    private final ClassLoader loader;
    private final String plugin;

    PluginProvider(TransportProvider provider, String name, ClassLoader loader, String plugin) {
        this.provider = requireNonNull(provider, "provider is null");
        this.name = requireNonNull(name, "name is null");
        this.loader = requireNonNull(loader, "loader is null");
        this.plugin = requireNonNull(plugin, "plugin is null");
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<ConfigError> validate(ServerEntry entry) {
        requireNonNull(entry, "entry is null");
        try {
            return List.copyOf(PluginCall.in(loader, () -> provider.validate(entry)));
        } catch (RuntimeException | LinkageError e) {
            return List.of(entry.errorAt("transport", "the plugin " + plugin + " failed to check this server: " + e));
        }
    }

    /** @throws IllegalStateException when the plugin's code fails, with the plugin's name and the failure */
    @Override
    public Transport open(ServerSpec spec, TransportContext context) {
        requireNonNull(spec, "spec is null");
        requireNonNull(context, "context is null");
        Transport transport;
        try {
            transport = PluginCall.in(loader, () -> provider.open(spec, context));
        } catch (RuntimeException | LinkageError e) {
            throw new IllegalStateException("plugin " + plugin + " failed: " + e, e);
        }
        if (transport == null) {
            throw new IllegalStateException("plugin " + plugin + " failed: open returned null");
        }
        return new PluginTransport(transport, loader, plugin);
    }
}
