package dev.zeroclaw.plugins;

import static java.util.Objects.requireNonNull;

import dev.zeroclaw.api.transport.Transport;
import dev.zeroclaw.api.transport.TransportListener;
import java.io.IOException;
import java.time.Duration;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A transport of a plugin, as the daemon calls it: in the plugin's context class loader, with a
 * {@link LinkageError} of the plugin's code (a class its jars lack, most often) turned into the
 * {@link IOException} the SPI allows, so that it fails one server and not the thread that called.
 */
final class PluginTransport implements Transport {

    private static final Logger log = LoggerFactory.getLogger(PluginTransport.class);

    private final Transport transport;
    private final ClassLoader loader;
    private final String plugin;

    PluginTransport(Transport transport, ClassLoader loader, String plugin) {
        this.transport = requireNonNull(transport, "transport is null");
        this.loader = requireNonNull(loader, "loader is null");
        this.plugin = requireNonNull(plugin, "plugin is null");
    }

    @Override
    public void start(TransportListener listener) throws IOException {
        call(() -> transport.start(listener));
    }

    @Override
    public void send(String message) throws IOException {
        call(() -> transport.send(message));
    }

    @Override
    public OptionalLong pid() {
        try {
            return PluginCall.in(loader, transport::pid);
        } catch (RuntimeException | LinkageError e) {
            return OptionalLong.empty();
        }
    }

    /** Never throws, as the SPI promises the daemon: a plugin's failure here is logged. */
    @Override
    public void close(Duration deadline) {
        try {
            PluginCall.in(loader, () -> {
                transport.close(deadline);
                return null;
            });
        } catch (RuntimeException | LinkageError e) {
            log.warn("plugin={} close failed: {}", plugin, e.toString());
        }
    }

    private void call(Step step) throws IOException {
        PluginCall.in(loader, () -> {
            try {
                step.run();
            } catch (LinkageError e) {
                throw new IOException("plugin " + plugin + " failed: " + e, e);
            }
            return null;
        });
    }

    /** A call into the transport that may fail with an {@link IOException}. */
    @FunctionalInterface
    private interface Step {
        void run() throws IOException;
    }
}
