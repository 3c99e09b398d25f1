package dev.zeroclaw.testing;

import static java.util.Objects.requireNonNull;

import dev.zeroclaw.api.transport.TransportEnd;
import dev.zeroclaw.api.transport.TransportListener;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Hears a transport: every message, diagnostic and end, in order, and the threads that delivered them. */
public final class RecordingListener implements TransportListener {

    private final List<String> messages = new CopyOnWriteArrayList<>();
    private final List<String> diagnostics = new CopyOnWriteArrayList<>();
    private final List<TransportEnd> ends = new CopyOnWriteArrayList<>();
    private final List<String> callingThreads = new CopyOnWriteArrayList<>();

    @Override
    public void onMessage(String message) {
        callingThreads.add(Thread.currentThread().getName());
        messages.add(requireNonNull(message, "message is null"));
    }

    @Override
    public void onDiagnostic(String line) {
        diagnostics.add(requireNonNull(line, "line is null"));
    }

    @Override
    public void onClosed(TransportEnd end) {
        callingThreads.add(Thread.currentThread().getName());
        ends.add(requireNonNull(end, "end is null"));
    }

    public List<String> messages() {
        return List.copyOf(messages);
    }

    public List<String> diagnostics() {
        return List.copyOf(diagnostics);
    }

    /** Every {@code onClosed}; the contract allows exactly one. */
    public List<TransportEnd> ends() {
        return List.copyOf(ends);
    }

    /** The names of the threads that called {@code onMessage} and {@code onClosed}. */
    public List<String> callingThreads() {
        return List.copyOf(callingThreads);
    }

    /** Whether anything at all was heard. */
    public boolean heardAnything() {
        return !messages.isEmpty() || !diagnostics.isEmpty() || !ends.isEmpty();
    }
}
