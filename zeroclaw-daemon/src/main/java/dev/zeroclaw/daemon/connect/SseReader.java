package dev.zeroclaw.daemon.connect;

import static java.util.Objects.requireNonNull;

import java.util.function.Consumer;
import java.util.stream.Stream;

/** Reads a {@code text/event-stream} line by line and hands over each event's data. */
final class SseReader {

    private final Consumer<String> events;

    SseReader(Consumer<String> events) {
        this.events = requireNonNull(events, "events is null");
    }

    /** Returns when the stream ends. */
    void read(Stream<String> lines) {
        StringBuilder data = new StringBuilder();
        lines.forEach(line -> {
            if (line.isEmpty()) {
                if (data.length() > 0) {
                    events.accept(data.toString());
                    data.setLength(0);
                }
            } else if (line.startsWith("data:")) {
                if (data.length() > 0) {
                    data.append('\n');
                }
                data.append(line.startsWith("data: ") ? line.substring(6) : line.substring(5));
            }
        });
        if (data.length() > 0) {
            events.accept(data.toString());
        }
    }
}
