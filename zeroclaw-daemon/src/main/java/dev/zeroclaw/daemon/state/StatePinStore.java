package dev.zeroclaw.daemon.state;

import static java.util.Objects.requireNonNull;

import dev.zeroclaw.gateway.pins.PinStore;
import dev.zeroclaw.signal.StateDirectory;
import java.io.IOException;
import java.util.Optional;
import java.util.function.Supplier;

/** Each server's pins in the state directory, file {@code pins-<server>.json} (mode 0600, replaced whole). */
public final class StatePinStore implements PinStore {

    private final Supplier<StateDirectory> directory;
    // Resolved once, at the first pin: a reload does not move the pins. Guarded by this.
    private StateDirectory resolved;

    /** @param directory where the state directory is; asked once, when the first server is pinned */
    public StatePinStore(Supplier<StateDirectory> directory) {
        this.directory = requireNonNull(directory, "directory is null");
    }

    @Override
    public Optional<String> read(String server) throws IOException {
        return directory().read(fileName(server));
    }

    @Override
    public void write(String server, String document) throws IOException {
        directory().write(fileName(server), document);
    }

    /** The file of {@code server}'s pins. */
    public static String fileName(String server) {
        return "pins-" + server + ".json";
    }

    private synchronized StateDirectory directory() {
        if (resolved == null) {
            resolved = directory.get();
        }
        return resolved;
    }
}
