package dev.zeroclaw.gateway.pins;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Pins kept in memory, for tests: what the state directory would hold, one document per server. */
public final class MemoryPinStore implements PinStore {

    private final Map<String, String> documents = new ConcurrentHashMap<>();

    @Override
    public Optional<String> read(String server) {
        return Optional.ofNullable(documents.get(server));
    }

    @Override
    public void write(String server, String document) {
        documents.put(server, document);
    }

    /** Pins that start off as {@code document} for {@code server}. */
    public MemoryPinStore with(String server, String document) {
        documents.put(server, document);
        return this;
    }
}
