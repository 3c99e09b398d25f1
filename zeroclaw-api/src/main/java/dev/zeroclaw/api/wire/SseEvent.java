package dev.zeroclaw.api.wire;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * One dispatched event of a {@code text/event-stream}.
 *
 * @param type the {@code event} field, {@code message} when the server gave none
 * @param data the {@code data} lines joined with {@code \n}; empty for a priming event
 * @param lastEventId the stream's last event id when the event was dispatched, if the server gave ids
 */
public record SseEvent(String type, String data, Optional<String> lastEventId) {

    public SseEvent {
        requireNonNull(type, "type is null");
        requireNonNull(data, "data is null");
        requireNonNull(lastEventId, "lastEventId is null");
    }
}
