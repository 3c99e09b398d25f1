package dev.zeroclaw.daemon.control;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/** Answers one control request; may block (a reload waits for its report). */
public interface ControlHandler {

    /** @param request {@code {"command": "status"}} and the like; returns the reply document */
    JsonNode handle(JsonNode request);

    /**
     * The replies to a request that follows something ({@code "follow": true}), one JSON text per
     * line until the client closes the connection; empty for a request answered by one reply
     * ({@link #handle}), which includes a follow request that is refused.
     */
    default Optional<ControlStream> stream(JsonNode request) {
        return Optional.empty();
    }
}
