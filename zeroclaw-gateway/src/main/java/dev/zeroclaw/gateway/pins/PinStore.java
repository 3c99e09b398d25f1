package dev.zeroclaw.gateway.pins;

import java.io.IOException;
import java.util.Optional;

/** Where each server's pins outlive the daemon: one document per server (the daemon's state directory). */
public interface PinStore {

    /** {@code server}'s pins as last written, empty when it has none yet. */
    Optional<String> read(String server) throws IOException;

    /** Replaces {@code server}'s pins whole. */
    void write(String server, String document) throws IOException;
}
